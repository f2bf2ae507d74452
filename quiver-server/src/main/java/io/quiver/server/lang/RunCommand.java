package io.quiver.server.lang;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.pipeline.PipelineError;
import io.quiver.runtime.Registry;
import io.quiver.script.EventContext;
import io.quiver.script.ModulePath;
import io.quiver.script.Script;
import io.quiver.script.ScriptException;
import io.quiver.script.ScriptOutcome;
import io.quiver.script.ScriptRuntimeException;
import io.quiver.spi.CodecException;
import io.quiver.spi.Decoded;
import io.quiver.spi.ProcessorException;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver run FILE}: runs a tremor-script ({@code .tremor}) or Trickle query ({@code
 * .trickle}) over events, as {@code tremor run} does: decoded with {@code -d} (json) after the
 * {@code --pre-processor}s (lines), encoded with {@code -e} (json) and the {@code
 * --post-processor}s (lines), stdin and stdout unless {@code -i}/{@code -o} name files; an input
 * file ending in {@code .xz} is decompressed. Results on the {@code -p} port ({@code out}) go to
 * the output; other ports go to stderr as {@code port: json}; compile errors and warnings are
 * printed in Tremor's layout. {@code use} searches {@code TREMOR_PATH}, then Quiver's built-in std
 * modules.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a .tremor script or .trickle query over NDJSON events.",
      "Each input line is one event; results are printed as JSON lines."
    })
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The .tremor or .trickle file.")
  Path file;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "NDJSON",
      description =
          "Read events from this file instead of stdin (`-` = stdin; a name ending in"
              + " .xz is decompressed).")
  String input;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "NDJSON",
      description =
          "Write the selected port's events to this file instead of stdout (`-` = stdout).")
  String output;

  @Option(
      names = {"-d", "--decoder"},
      paramLabel = "CODEC",
      defaultValue = "json",
      description = "The codec that decodes the input (default: ${DEFAULT-VALUE}).")
  String decoder;

  @Option(
      names = {"-e", "--encoder"},
      paramLabel = "CODEC",
      defaultValue = "json",
      description = "The codec that encodes the output (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--pre-processor",
      paramLabel = "NAME",
      description =
          "Preprocessor before decoding; repeat for a chain applied in order"
              + " (default: lines).")
  List<String> preprocessors;

  @Option(
      names = "--post-processor",
      paramLabel = "NAME",
      description =
          "Postprocessor after encoding; repeat for a chain applied in order"
              + " (default: lines).")
  List<String> postprocessors;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      defaultValue = "out",
      description =
          "The port whose events go to the output; events on other ports go to"
              + " stderr as `port: json` (default: ${DEFAULT-VALUE}).")
  String port;

  @Option(
      names = {"-r", "--recursion-limit"},
      paramLabel = "N",
      defaultValue = "1024",
      description =
          "How often a function may recur, and how deeply user functions may call each"
              + " other, as `server run -r` (default: ${DEFAULT-VALUE}).")
  int recursionLimit = io.quiver.script.RecursionLimit.DEFAULT;

  private RunFormats formats;

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
    try {
      io.quiver.script.RecursionLimit.set(recursionLimit);
    } catch (IllegalArgumentException e) {
      stderr.println("Error: " + e.getMessage());
      return 1;
    }
    try {
      formats =
          RunFormats.of(
              Registry.load(), decoder, orLines(preprocessors), encoder, orLines(postprocessors));
    } catch (RunFormats.UnknownFormatException e) {
      e.problems.forEach(stderr::println);
      return 1;
    }
    String text;
    try {
      text = io.quiver.value.Utf8File.read(file);
    } catch (io.quiver.value.Utf8File.NotUtf8Exception e) {
      stderr.println("Error: " + file + ":" + e.line() + ":" + e.column() + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      stderr.println("Error: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    String name = file.getFileName().toString();
    if (!name.endsWith(".trickle") && !name.endsWith(".tremor")) {
      stderr.println(
          "Error: "
              + file
              + " is neither a .tremor script nor a .trickle query;"
              + " rename it to say which it is");
      return 1;
    }
    try {
      return name.endsWith(".trickle") ? runQuery(text, name) : runScript(text, name);
    } catch (ScriptException e) {
      stderr.print(e.renderAll());
      return 1;
    } catch (OutputException e) {
      stderr.println("Error: cannot write " + output + ": " + describe(e.cause));
      return 1;
    } catch (IOException | java.nio.file.InvalidPathException e) {
      stderr.println(
          "Error: cannot read the input "
              + (isStd(input) ? "(stdin)" : input)
              + ": "
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
    private static final long serialVersionUID = 1L;

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
      return new PrintStream(
          new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(output))),
          false,
          StandardCharsets.UTF_8);
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
    return eachEvent(
        (n, value) -> {
          try {
            ScriptOutcome o =
                script.run(
                    value,
                    Value.EMPTY_OBJECT,
                    state[0],
                    Value.EMPTY_OBJECT,
                    new EventContext(n, Value.NULL));
            state[0] = o.state();
            if (!o.dropped()) {
              print(o.portOrDefault(), o.value());
            }
            return true;
          } catch (ScriptRuntimeException e) {
            stderr.print(e.renderIn(file.toString()));
            return false;
          }
        });
  }

  private int runQuery(String text, String name) throws ScriptException, IOException {
    PipelineDefinition def =
        PipelineCompiler.compile(text, name, stem(name), ModulePath.fromEnvironment());
    def.warnings().forEach(stderr::print);
    Pipeline pipeline = def.instantiate();
    return eachEvent(
        (n, value) -> {
          Event e = new Event(new EventId(0, 0, n), n, value, Value.EMPTY_OBJECT, 0);
          boolean[] ok = {true};
          pipeline.onEvent(
              "in",
              e,
              new Emitter() {
                @Override
                public void emit(String port, Event result) {
                  print(port, result.data());
                }

                @Override
                public void error(PipelineError error) {
                  // as tremor run: the error with its place in the file; the run goes on, exit code
                  // 2
                  stderr.print(
                      error.script() != null
                          ? error.script().renderIn(file.toString())
                          : error.rendered());
                  ok[0] = false;
                }
              });
          return ok[0];
        });
  }

  private static List<String> orLines(List<String> names) {
    return names == null ? List.of("lines") : names;
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private boolean outputFailed;

  private void print(String eventPort, Value value) {
    String p = eventPort == null ? "out" : eventPort;
    if (!p.equals(port)) {
      stderr.println(p + ": " + Json.write(value));
      return;
    }
    try {
      for (byte[] chunk : formats.output().serialize(value, System.nanoTime())) {
        out.write(chunk, 0, chunk.length);
      }
    } catch (CodecException | ProcessorException e) {
      stderr.println(
          "Error: cannot encode "
              + Json.write(value)
              + " as "
              + encoder
              + ": "
              + e.getMessage()
              + "; skipped");
      outputFailed = true;
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
    long[] n = {0};
    List<Decoded> decoded = new ArrayList<>();
    try (in) {
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        formats.input().deserialize(Arrays.copyOf(buffer, read), System.nanoTime(), false, decoded);
        failed |= !handleAll(decoded, handler, n);
      }
      formats.input().finish(System.nanoTime(), decoded);
      failed |= !handleAll(decoded, handler, n);
    }
    out.flush();
    if (out.checkError()) {
      stderr.println("Error: writing " + (isStd(output) ? "stdout" : output) + " failed");
      return 1;
    }
    return failed || outputFailed ? 2 : 0;
  }

  /** Runs the decoded events, reports the records that failed to decode; false if any failed. */
  private boolean handleAll(List<Decoded> decoded, EventHandler handler, long[] n) {
    boolean ok = true;
    for (Decoded d : decoded) {
      switch (d) {
        case Decoded.Ok(Value value, var ingestNs) -> ok &= handler.handle(n[0]++, value);
        case Decoded.Failed(String message) -> {
          String where =
              formats
                  .decoder()
                  .nextFailedRecord()
                  .map(
                      r ->
                          (lineWise() ? "line " : "record ")
                              + r
                              + " cannot be decoded as "
                              + decoder)
                  .orElse("cannot be preprocessed");
          stderr.println("Error: input " + where + " (" + message + "); skipped");
          ok = false;
        }
      }
    }
    decoded.clear();
    return ok;
  }

  /** Whether records are lines (the default {@code lines} preprocessor first). */
  private boolean lineWise() {
    List<String> pre = orLines(preprocessors);
    return !pre.isEmpty() && pre.get(0).startsWith("lines");
  }
}
