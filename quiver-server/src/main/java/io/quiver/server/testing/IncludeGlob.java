package io.quiver.server.testing;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The globs of Tremor's harness (globwalk 0.8, case-insensitive): a lone {@code *} means the direct
 * subfolders of the root; any other pattern follows gitignore rules, so a pattern without a {@code
 * /} (or one starting {@code **}{@code /}) matches a name at any depth, and one with a {@code /} is
 * matched against the path relative to the root. Braces ({@code {bench,through}*}) work.
 */
public final class IncludeGlob {
  private final boolean directChildren;
  private final boolean byName;
  private final PathMatcher matcher;

  private IncludeGlob(String pattern) {
    String p = pattern.strip();
    directChildren = p.equals("*");
    if (p.startsWith("**/")) {
      p = p.substring(3);
    } else if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    byName = !p.contains("/");
    matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.toLowerCase(Locale.ROOT));
  }

  /** Compiles {@code pattern}; a malformed glob fails with a message naming it. */
  public static IncludeGlob of(String pattern) {
    try {
      return new IncludeGlob(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad glob `" + pattern + "`: " + e.getMessage(), e);
    }
  }

  /** Whether the entry at {@code relative} (to the root) matches. */
  public boolean matches(Path relative) {
    if (relative.getNameCount() == 0 || relative.toString().isEmpty()) {
      return false;
    }
    if (directChildren) {
      return relative.getNameCount() == 1;
    }
    Path candidate = byName ? relative.getFileName() : relative;
    return matcher.matches(Path.of(candidate.toString().toLowerCase(Locale.ROOT)));
  }

  /** The folders under {@code root} that match, sorted by path. */
  public List<Path> directories(Path root) throws IOException {
    return walk(root, Files::isDirectory);
  }

  /** The regular files under {@code root} that match, sorted by path. */
  public List<Path> files(Path root) throws IOException {
    return walk(root, Files::isRegularFile);
  }

  private List<Path> walk(Path root, Predicate<Path> kind) throws IOException {
    try (Stream<Path> all = Files.walk(root, directChildren ? 1 : Integer.MAX_VALUE)) {
      return all.filter(kind).filter(p -> matches(root.relativize(p))).sorted().toList();
    }
  }
}
