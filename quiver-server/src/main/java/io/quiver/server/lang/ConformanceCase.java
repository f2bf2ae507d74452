package io.quiver.server.lang;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.pipeline.PipelineError;
import io.quiver.script.EventContext;
import io.quiver.script.ModulePath;
import io.quiver.script.Script;
import io.quiver.script.ScriptException;
import io.quiver.script.ScriptOutcome;
import io.quiver.script.ScriptRuntimeException;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one case of a Tremor-layout suite ({@code scripts/<case>/{script.tremor,in,out}} and the
 * other suites) the way Tremor's own test harness does, and says why it failed.
 */
final class ConformanceCase {
  /** The origin Tremor's script suite gives every event. */
  private static final Value ORIGIN =
      Value.obj(
          "scheme",
          Value.of("snot"),
          "host",
          Value.of("test"),
          "port",
          Value.of(23),
          "path",
          Value.array(Value.of("snot")));

  private final String suite;
  private final Path dir;
  private final ModulePath modules;

  /** The case folder as Tremor's harness names it, relative to the checkout. */
  private final String folder;

  ConformanceCase(String suite, Path dir, Path lib) {
    this.suite = suite;
    this.dir = dir;
    this.folder = "tests/" + suite + "/" + dir.getFileName() + "/";
    this.modules = modulePath(suite, dir, lib);
  }

  /**
   * The module path as Tremor's harness sets it: relative to the checkout, the case folder first
   * (with a trailing slash), then the standard library ({@code tremor-script/lib}, with a slash for
   * the query suites), so that errors name modules exactly as Tremor's expected texts do.
   */
  private static ModulePath modulePath(String suite, Path dir, Path lib) {
    Path checkout = dir.toAbsolutePath().getParent().getParent().getParent();
    String caseFolder = "tests/" + suite + "/" + dir.getFileName() + "/";
    if (lib == null) {
      return new ModulePath(List.of(caseFolder), checkout);
    }
    Path absoluteLib = lib.toAbsolutePath();
    String libEntry =
        absoluteLib.startsWith(checkout)
            ? checkout.relativize(absoluteLib).toString()
            : absoluteLib.toString();
    if (suite.startsWith("quer")) {
      libEntry += "/";
    }
    return new ModulePath(List.of(caseFolder, libEntry), checkout);
  }

  /** Null when the case passes, else a one-line reason. */
  String failure() {
    try {
      return switch (suite) {
        case "scripts" -> scripts();
        case "script_errors" -> scriptErrors();
        case "script_runtime_errors" -> runtimeErrors();
        case "script_warnings" -> scriptWarnings();
        case "queries" -> queries();
        case "query_errors" -> queryErrors();
        case "query_warnings" -> queryWarnings();
        default -> "unknown suite " + suite;
      };
    } catch (ScriptException e) {
      return firstLine(e.getMessage());
    } catch (Exception | StackOverflowError e) {
      return e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private String read(String name) throws IOException {
    Path plain = dir.resolve(name);
    Path xz = dir.resolve(name + ".xz");
    if (!Files.exists(plain) && Files.exists(xz)) {
      try (var in = new org.tukaani.xz.XZInputStream(Files.newInputStream(xz))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(plain, StandardCharsets.UTF_8);
  }

  private List<Value> ndjson(String name) throws Exception {
    List<Value> values = new ArrayList<>();
    for (String line : read(name).split("\n")) {
      if (!line.isBlank()) {
        values.add(Json.parse(line));
      }
    }
    return values;
  }

  private static String compare(List<Value> got, List<Value> expected) {
    if (got.size() != expected.size()) {
      return "expected " + expected.size() + " results, got " + got.size();
    }
    for (int i = 0; i < got.size(); i++) {
      String g = Json.writeSorted(got.get(i));
      String e = Json.writeSorted(expected.get(i));
      if (!g.equals(e)) {
        return "result " + i + ": expected " + e + " but got " + g;
      }
    }
    return null;
  }

  private String expectError(String rendered, String problem) throws IOException {
    if (Files.exists(dir.resolve("error.re"))) {
      String re = read("error.re").trim();
      return Pattern.compile(re).matcher(problem).find()
          ? null
          : "error `" + problem + "` does not match /" + re + "/";
    }
    String expected = read("error.txt").trim();
    return rendered.trim().equals(expected) ? null : "different error text: " + firstLine(problem);
  }

  private String scripts() throws Exception {
    Script script = Script.compile(read("script.tremor"), folder + "script.tremor", modules);
    List<Value> results = new ArrayList<>();
    Value state = Value.NULL;
    List<Value> in = ndjson("in");
    for (int i = 0; i < in.size(); i++) {
      ScriptOutcome o =
          script.run(
              in.get(i),
              Value.EMPTY_OBJECT,
              state,
              Value.EMPTY_OBJECT,
              new EventContext(i, ORIGIN));
      state = o.state();
      if (!o.dropped()) {
        results.add(o.value());
      }
    }
    return compare(results, ndjson("out"));
  }

  private String scriptErrors() throws Exception {
    try {
      Script.compile(read("script.tremor"), folder + "script.tremor", modules);
      return "compiled without the expected error";
    } catch (ScriptException e) {
      return expectError(e.render(), e.problem());
    }
  }

  private String runtimeErrors() throws Exception {
    Script script = Script.compile(read("script.tremor"), folder + "script.tremor", modules);
    try {
      script.run(ndjson("in").get(0), Value.EMPTY_OBJECT, Value.NULL);
      return "ran without the expected error";
    } catch (ScriptRuntimeException e) {
      return expectError(e.render(), e.problem());
    }
  }

  private String scriptWarnings() throws Exception {
    Script script = Script.compile(read("script.tremor"), folder + "script.tremor", modules);
    String got = String.join("", script.renderedWarnings()).trim();
    return got.equals(read("warning.txt").trim()) ? null : "different warnings";
  }

  private String queries() throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(
            read("query.trickle"), "query.trickle", dir.getFileName().toString(), modules);
    Pipeline pipeline = def.instantiate();
    List<Value> results = new ArrayList<>();
    List<Value> in = ndjson("in");
    for (int i = 0; i < in.size(); i++) {
      Event e = new Event(new EventId(0, 0, i), i, in.get(i), Value.EMPTY_OBJECT, 0);
      pipeline.onEvent(
          "in",
          e,
          new Emitter() {
            @Override
            public void emit(String port, Event out) {
              results.add(out.data());
            }

            @Override
            public void error(PipelineError error) {
              // Tremor's suites expect a failing event to be dropped (its pipeline only logs it)
            }
          });
    }
    return compare(results, ndjson("out"));
  }

  private String queryErrors() throws Exception {
    try {
      PipelineCompiler.compile(read("query.trickle"), "query.trickle", "test", modules);
      return "compiled without the expected error";
    } catch (ScriptException e) {
      return expectError(e.render(), e.problem());
    }
  }

  private String queryWarnings() throws Exception {
    PipelineDefinition def =
        PipelineCompiler.compile(read("query.trickle"), "query.trickle", "test", modules);
    String got = String.join("", def.warnings()).trim();
    return got.equals(read("warning.txt").trim()) ? null : "different warnings";
  }
}
