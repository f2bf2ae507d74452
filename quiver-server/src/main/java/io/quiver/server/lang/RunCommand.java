package io.quiver.server.lang;

import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.script.EventContext;
import io.quiver.script.ModulePath;
import io.quiver.script.Script;
import io.quiver.script.ScriptException;
import io.quiver.script.ScriptOutcome;
import io.quiver.script.ScriptRuntimeException;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver run FILE}: runs a tremor-script ({@code .tremor}) or Trickle query ({@code
 * .trickle}) over newline-delimited JSON events, as {@code tremor run} does. Results on the
 * {@code out} port go to stdout as JSON lines; other ports go to stderr as {@code port: json};
 * compile errors and warnings are printed in Tremor's layout. {@code use} searches {@code
 * TREMOR_PATH}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Run a .tremor script or .trickle query over NDJSON events.",
        "Each input line is one event; results are printed as JSON lines."})
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The .tremor or .trickle file.")
  Path file;

  @Option(names = {"-i", "--input"}, paramLabel = "NDJSON",
      description = "Read events from this file instead of stdin.")
  Path input;

  private final InputStream stdin;
  private final PrintStream stdout;
  private final PrintStream stderr;

  public RunCommand() {
    this(System.in, System.out, System.err);
  }

  /** For tests: explicit standard streams. */
  public RunCommand(InputStream stdin, PrintStream stdout, PrintStream stderr) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      stderr.println("Error: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".trickle")) {
        return runQuery(text, name);
      }
      if (name.endsWith(".tremor")) {
        return runScript(text, name);
      }
      stderr.println("Error: " + file + " is neither a .tremor script nor a .trickle query;"
          + " rename it to say which it is");
      return 1;
    } catch (ScriptException e) {
      stderr.print(e.renderAll());
      return 1;
    } catch (IOException e) {
      stderr.println("Error: cannot read the input: " + e.getMessage());
      return 1;
    }
  }

  private int runScript(String text, String name) throws ScriptException, IOException {
    Script script = Script.compile(text, name, ModulePath.fromEnvironment());
    script.renderedWarnings().forEach(stderr::print);
    Value[] state = {Value.NULL};
    return eachEvent((n, value) -> {
      try {
        ScriptOutcome o = script.run(value, Value.EMPTY_OBJECT, state[0], Value.EMPTY_OBJECT,
            new EventContext(n, Value.NULL));
        state[0] = o.state();
        if (!o.dropped()) {
          print(o.portOrDefault(), o.value());
        }
        return true;
      } catch (ScriptRuntimeException e) {
        stderr.print(e.render());
        return false;
      }
    });
  }

  private int runQuery(String text, String name) throws ScriptException, IOException {
    PipelineDefinition def = PipelineCompiler.compile(text, name, stem(name),
        ModulePath.fromEnvironment());
    def.warnings().forEach(stderr::print);
    Pipeline pipeline = def.instantiate();
    return eachEvent((n, value) -> {
      Event e = new Event(new EventId(0, 0, n), n, value, Value.EMPTY_OBJECT, 0);
      pipeline.onEvent("in", e, (port, out) -> print(port, out.data()));
      return true;
    });
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private void print(String port, Value value) {
    if (port == null || port.equals("out")) {
      stdout.println(Json.write(value));
    } else {
      stderr.println(port + ": " + Json.write(value));
    }
  }

  private interface EventHandler {
    /** Handles event number {@code n}; false when it failed. */
    boolean handle(long n, Value event);
  }

  /** Feeds every NDJSON line to {@code handler}; 0 when all went well, 2 otherwise. */
  private int eachEvent(EventHandler handler) throws IOException {
    boolean failed = false;
    InputStream in = input == null ? stdin : Files.newInputStream(input);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      long lineNo = 0;
      long n = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Value value;
        try {
          value = Json.parse(line);
        } catch (JsonException e) {
          stderr.println("Error: input line " + lineNo + " is not valid JSON (" + e.getMessage()
              + "); skipped");
          failed = true;
          continue;
        }
        failed |= !handler.handle(n++, value);
      }
    }
    stdout.flush();
    return failed ? 2 : 0;
  }
}
