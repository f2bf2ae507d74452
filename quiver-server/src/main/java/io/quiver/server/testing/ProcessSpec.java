package io.quiver.server.testing;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code before.json} or {@code after.json}: {@code {"run": ..., "cmd": CMD, "args": [...],
 * "env"?: {...}, "await"?: {CONDITION: [...]}, "max-await-secs"?: N, "min-await-secs"?: N}}. {@code
 * run} is required but unused, as in Tremor 0.11.12 ({@code dir}, its 0.12 name, is accepted too).
 * {@code await} and the await bounds only mean something in {@code before.json}.
 */
public record ProcessSpec(
    String cmd,
    List<String> args,
    Map<String, String> env,
    Map<String, List<String>> await,
    long maxAwaitSecs,
    long minAwaitSecs) {

  public ProcessSpec {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    await = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(await));
  }

  /** Reads {@code file}; any problem is an {@link IOException} naming the file and the key. */
  public static ProcessSpec read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /** Parses {@code text}; {@code where} names the file in errors. */
  public static ProcessSpec parse(String text, String where) throws IOException {
    Value parsed;
    try {
      parsed = Json.parse(text);
    } catch (JsonException e) {
      throw bad(where, e.getMessage());
    }
    if (!(parsed instanceof Value.Obj o)) {
      throw bad(where, "expected a JSON object with `cmd` and `args`");
    }
    if (!(o.get("run") instanceof Value.Str) && !(o.get("dir") instanceof Value.Str)) {
      throw bad(where, "missing field `run` (a string; Tremor requires it though it is unused)");
    }
    if (!(o.get("cmd") instanceof Value.Str cmd) || cmd.value().isBlank()) {
      throw bad(where, "missing field `cmd` (the program to run, found on PATH)");
    }
    List<String> args = strings(o.get("args"), where, "args", true);
    Map<String, String> env = new LinkedHashMap<>();
    Value envValue = o.get("env");
    if (envValue != null && !(envValue instanceof Value.Null)) {
      if (!(envValue instanceof Value.Obj e)) {
        throw bad(where, "`env` must be an object of strings");
      }
      for (var entry : e.fields().entrySet()) {
        if (!(entry.getValue() instanceof Value.Str s)) {
          throw bad(where, "`env." + entry.getKey() + "` must be a string");
        }
        env.put(entry.getKey(), s.value());
      }
    }
    Map<String, List<String>> await = new LinkedHashMap<>();
    Value awaitValue = o.get("await");
    if (awaitValue != null && !(awaitValue instanceof Value.Null)) {
      if (!(awaitValue instanceof Value.Obj a)) {
        throw bad(where, "`await` must be an object of condition -> list of strings");
      }
      for (var entry : a.fields().entrySet()) {
        await.put(
            entry.getKey(), strings(entry.getValue(), where, "await." + entry.getKey(), true));
      }
    }
    return new ProcessSpec(
        cmd.value(),
        args,
        env,
        await,
        seconds(o.get("max-await-secs"), where, "max-await-secs"),
        seconds(o.get("min-await-secs"), where, "min-await-secs"));
  }

  private static List<String> strings(Value v, String where, String key, boolean required)
      throws IOException {
    if (v == null || v instanceof Value.Null) {
      if (required) {
        throw bad(where, "missing field `" + key + "` (a list of strings)");
      }
      return List.of();
    }
    if (!(v instanceof Value.Arr a)) {
      throw bad(where, "`" + key + "` must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Value item : a.items()) {
      if (!(item instanceof Value.Str s)) {
        throw bad(where, "`" + key + "` must be a list of strings, found " + Json.write(item));
      }
      out.add(s.value());
    }
    return out;
  }

  private static long seconds(Value v, String where, String key) throws IOException {
    if (v == null || v instanceof Value.Null) {
      return 0;
    }
    if (v instanceof Value.Int i && i.value() >= 0) {
      return i.value();
    }
    throw bad(where, "`" + key + "` must be a whole number of seconds >= 0");
  }

  private static IOException bad(String where, String why) {
    return new IOException("Invalid `" + where + "`: " + why);
  }
}
