package io.quiver.script;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code use a::b;} looks for modules: each mount is a directory, the module is {@code
 * <mount>/a/b.tremor}; the first mount that has it wins. {@link #fromEnvironment()} reads {@code
 * TREMOR_PATH} (mounts separated by the platform's path separator), as Tremor does.
 */
public record ModulePath(List<Path> mounts) {
  public static final ModulePath EMPTY = new ModulePath(List.of());

  public ModulePath {
    mounts = List.copyOf(mounts);
  }

  /** The mounts of the {@code TREMOR_PATH} environment variable (none when unset). */
  public static ModulePath fromEnvironment() {
    String env = System.getenv("TREMOR_PATH");
    if (env == null || env.isBlank()) {
      return EMPTY;
    }
    List<Path> mounts = new ArrayList<>();
    for (String part : env.split(File.pathSeparator)) {
      if (!part.isBlank()) {
        mounts.add(Path.of(part.trim()));
      }
    }
    return new ModulePath(mounts);
  }

  /** This path with {@code first} searched before the other mounts. */
  public ModulePath prepend(Path first) {
    List<Path> all = new ArrayList<>();
    all.add(first);
    all.addAll(mounts);
    return new ModulePath(all);
  }

  /** The file of module {@code segments} ({@code .tremor}, or a query module {@code .trickle}). */
  public Optional<Path> find(List<String> segments) {
    String relative = String.join(File.separator, segments);
    for (Path mount : mounts) {
      for (String ext : List.of(".tremor", ".trickle")) {
        Path candidate = mount.resolve(relative + ext);
        if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
