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
 * .trickle}) over newline-delimited JSON events, as {@code tremor run} does (json in and out,
 * one event per line, stdin and stdout unless {@code -i}/{@code -o} name files; an input file
 * ending in {@code .xz} is decompressed). Results on the {@code out} port go to the output as JSON
 * lines; other ports go to stderr as {@code port: json}; compile errors and warnings are printed in
 * Tremor's layout. {@code use} searches {@code TREMOR_PATH}, then Quiver's built-in std modules.
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
      description = "Read events from this file instead of stdin (`-` = stdin; a name ending in"
          + " .xz is decompressed).")
  String input;

  @Option(names = {"-o", "--output"}, paramLabel = "NDJSON",
      description = "Write the `out` port's events to this file instead of stdout (`-` = stdout).")
  String output;

  private final InputStream stdin;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private PrintStream out;

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
    if (!name.endsWith(".trickle") && !name.endsWith(".tremor")) {
      stderr.println("Error: " + file + " is neither a .tremor script nor a .trickle query;"
          + " rename it to say which it is");
      return 1;
    }
    try {
      return name.endsWith(".trickle") ? runQuery(text, name) : runScript(text, name);
    } catch (ScriptException e) {
      stderr.print(e.render());
      return 1;
    } catch (OutputException e) {
      stderr.println("Error: cannot write " + output + ": " + describe(e.cause));
      return 1;
    } catch (IOException | java.nio.file.InvalidPathException e) {
      stderr.println("Error: cannot read the input " + (isStd(input) ? "(stdin)" : input) + ": "
          + describe(e));
      return 1;
    } finally {
      if (out != null && out != stdout) {
        out.close();
      }
    }
  }

  /** The output file could not be created. */
  private static final class OutputException extends IOException {
    final Exception cause;

    OutputException(Exception cause) {
      super(cause);
      this.cause = cause;
    }
  }

  /** stdout or the {@code -o} file, created once the program compiled and the input opened. */
  private PrintStream openOutput() throws OutputException {
    if (isStd(output)) {
      return stdout;
    }
    try {
      return new PrintStream(new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(output))),
          false, StandardCharsets.UTF_8);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new OutputException(e);
    }
  }

  private static String describe(Exception e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "no such file";
      case java.nio.file.AccessDeniedException a -> "permission denied";
      case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage();
    };
  }

  private static boolean isStd(String name) {
    return name == null || name.equals("-");
  }

  /** stdin, the {@code -i} file, or that file decompressed when its name ends in {@code .xz}. */
  private InputStream openInput() throws IOException {
    if (isStd(input)) {
      return stdin;
    }
    InputStream in = Files.newInputStream(Path.of(input));
    return input.endsWith(".xz") ? new org.tukaani.xz.XZInputStream(in) : in;
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
      pipeline.onEvent("in", e, (port, result) -> print(port, result.data()));
      return true;
    });
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private void print(String port, Value value) {
    if (port == null || port.equals("out")) {
      out.println(Json.write(value));
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
    InputStream in = openInput();
    try {
      out = openOutput();
    } catch (OutputException e) {
      in.close();
      throw e;
    }
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
    out.flush();
    if (out.checkError()) {
      stderr.println("Error: writing " + (isStd(output) ? "stdout" : output) + " failed");
      return 1;
    }
    return failed ? 2 : 0;
  }
}
