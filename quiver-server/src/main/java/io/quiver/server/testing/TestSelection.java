package io.quiver.server.testing;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the command line selected: the base folder tags are resolved from, and the {@code -i}
 * includes and {@code -e} excludes.
 */
record TestSelection(Path base, Set<String> includes, Set<String> excludes) {
  TestSelection {
    includes = Set.copyOf(includes);
    excludes = Set.copyOf(excludes);
  }

  /** Tremor's rule ({@link Tags#matches}) with this selection and the suite's system tags. */
  Tags.Match matches(Tags tags, Set<String> system) {
    return tags.matches(system, includes, excludes);
  }
}
