package io.quiver.server.testing;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of a test and Tremor's selection rule. Tags come from the {@code tags.json} files (a
 * JSON array of strings; missing or invalid counts as none) of the base folder and of every folder
 * from there down to the test, joined.
 */
public record Tags(Set<String> values) {
  public Tags {
    values = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  /** The outcome of {@link #matches}: whether the test runs, and the tags that decided it. */
  public record Match(boolean runs, List<String> because) {}

  /** The tags of {@code dir}: the union of the {@code tags.json} files from {@code base} down. */
  public static Tags resolve(Path base, Path dir) throws IOException {
    Path from = base.toRealPath();
    Path to = dir.toRealPath();
    if (!to.startsWith(from)) {
      throw new IOException("Unexpected error resolving tags for test: " + dir);
    }
    Set<String> tags = new LinkedHashSet<>(read(from.resolve("tags.json")));
    Path at = from;
    for (Path part : from.relativize(to)) {
      if (part.toString().isEmpty()) {
        continue;
      }
      at = at.resolve(part);
      tags.addAll(read(at.resolve("tags.json")));
    }
    return new Tags(tags);
  }

  /** These tags plus {@code more} (null for none). */
  public Tags join(Collection<String> more) {
    Set<String> all = new LinkedHashSet<>(values);
    if (more != null) {
      all.addAll(more);
    }
    return new Tags(all);
  }

  /**
   * Tremor's rule: the test must carry one of the {@code system} tags (else it is skipped as {@code
   * <system>}); with no includes and excludes it runs; a tag in {@code includes} forces a run; else
   * a tag in {@code excludes} skips it; else it runs only when no includes were given.
   */
  public Match matches(Set<String> system, Set<String> includes, Set<String> excludes) {
    if (!system.isEmpty() && values.stream().noneMatch(system::contains)) {
      return new Match(false, List.of("<system>"));
    }
    if (includes.isEmpty() && excludes.isEmpty()) {
      return new Match(true, List.of("<all>"));
    }
    List<String> included = values.stream().filter(includes::contains).toList();
    if (!included.isEmpty()) {
      return new Match(true, included);
    }
    List<String> excluded = values.stream().filter(excludes::contains).toList();
    if (!excluded.isEmpty()) {
      return new Match(false, excluded);
    }
    return new Match(includes.isEmpty(), List.of());
  }

  private static List<String> read(Path file) {
    List<String> out = new ArrayList<>();
    try {
      if (Files.isRegularFile(file) && Json.parse(Files.readString(file)) instanceof Value.Arr a) {
        for (Value v : a.items()) {
          if (!(v instanceof Value.Str s)) {
            return List.of();
          }
          out.add(s.value());
        }
      }
    } catch (IOException | JsonException | RuntimeException e) {
      return List.of();
    }
    return out;
  }
}
