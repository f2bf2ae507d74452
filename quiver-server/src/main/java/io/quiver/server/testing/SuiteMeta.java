package io.quiver.server.testing;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A {@code meta.json}: {@code {"kind": "Bench"|"Integration"|"Command"|"Unit"|"All", "includes":
 * GLOB}}. {@code about} and {@code tags} may be present but are unused, as in Tremor (tags come
 * from {@code tags.json}).
 *
 * @param dir the folder holding the file (the suite root)
 * @param kind the suite kind; {@link TestMode#ALL} for {@code "All"}
 * @param includes the glob naming the test folders (integration and bench suites)
 */
public record SuiteMeta(Path dir, TestMode kind, String includes) {

  /** Reads {@code file}; a clear {@link IOException} names the file and the problem. */
  public static SuiteMeta read(Path file) throws IOException {
    Value parsed;
    try {
      parsed = Json.parse(Files.readString(file));
    } catch (JsonException e) {
      throw new IOException("Invalid `" + file + "`: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Value.Obj o)) {
      throw new IOException("Invalid `" + file + "`: expected a JSON object");
    }
    if (!(o.get("kind") instanceof Value.Str kind)) {
      throw new IOException(
          "Invalid `"
              + file
              + "`: missing field `kind` (Bench, Integration, Command, Unit or All)");
    }
    if (!(o.get("includes") instanceof Value.Str includes)) {
      throw new IOException("Invalid `" + file + "`: missing field `includes` (a glob string)");
    }
    TestMode mode =
        switch (kind.value().toLowerCase(Locale.ROOT)) {
          case "bench" -> TestMode.BENCH;
          case "integration" -> TestMode.INTEGRATION;
          case "command" -> TestMode.COMMAND;
          case "unit" -> TestMode.UNIT;
          case "all" -> TestMode.ALL;
          default ->
              throw new IOException(
                  "Invalid `"
                      + file
                      + "`: unknown kind `"
                      + kind.value()
                      + "` (Bench, Integration, Command, Unit or All)");
        };
    return new SuiteMeta(file.getParent(), mode, includes.value());
  }
}
