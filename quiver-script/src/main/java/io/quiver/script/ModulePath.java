package io.quiver.script;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code use a::b;} looks for modules: each entry is a directory, the module is {@code
 * <entry>/a/b.tremor}; the first entry that has it wins. {@link #fromEnvironment()} reads {@code
 * TREMOR_PATH} (entries separated by the platform's path separator), as Tremor does, with Tremor's
 * default when it is unset.
 *
 * <p>Entries are kept as written, because errors show them so (Tremor prints the module path and
 * module files as given, e.g. {@code tests/x/} with its trailing slash); relative entries and
 * relative source names are resolved against {@code base} (the working directory by default).
 */
public record ModulePath(List<String> entries, Path base) {
  public static final ModulePath EMPTY = new ModulePath(List.of(), Path.of(""));

  /** Each text that Tremor prints after {@code - } in a "module not found" error. */
  public ModulePath {
    entries = List.copyOf(entries);
  }

  /** Mounts given as paths, relative ones against the working directory. */
  public ModulePath(List<Path> mounts) {
    this(mounts.stream().map(Path::toString).toList(), Path.of(""));
  }

  /** A module found: its file and its name as errors show it (entry joined with the file). */
  public record Found(Path file, String shown) {}

  /**
   * Tremor's module path when {@code TREMOR_PATH} is unset (tremor-script/src/path.rs): user
   * modules first, then the packaged library.
   */
  public static final String DEFAULT_TREMOR_PATH = "/usr/local/share/tremor:/usr/share/tremor/lib";

  /**
   * The entries of the {@code TREMOR_PATH} environment variable; when it is unset, Tremor's default
   * {@link #DEFAULT_TREMOR_PATH} (its directories that exist).
   */
  public static ModulePath fromEnvironment() {
    return fromTremorPath(System.getenv("TREMOR_PATH"));
  }

  /**
   * The module path for a {@code TREMOR_PATH} value, {@code null} meaning unset. A set but blank
   * value gives no entries, as in Tremor. Of the default, only existing directories are kept (as
   * Tremor keeps only directories), so "module not found" lists no directory this host lacks.
   */
  public static ModulePath fromTremorPath(String tremorPath) {
    if (tremorPath == null) {
      List<String> present = new ArrayList<>();
      for (String entry : DEFAULT_TREMOR_PATH.split(":")) {
        if (Files.isDirectory(Path.of(entry))) {
          present.add(entry);
        }
      }
      return new ModulePath(present, Path.of(""));
    }
    if (tremorPath.isBlank()) {
      return EMPTY;
    }
    List<String> entries = new ArrayList<>();
    for (String part : tremorPath.split(File.pathSeparator)) {
      if (!part.isBlank()) {
        entries.add(part.trim());
      }
    }
    return new ModulePath(entries, Path.of(""));
  }

  /** This path with {@code first} searched before the other entries. */
  public ModulePath prepend(Path first) {
    List<String> all = new ArrayList<>();
    all.add(first.toString());
    all.addAll(entries);
    return new ModulePath(all, base);
  }

  /** The file of module {@code segments} ({@code .tremor}, or a query module {@code .trickle}). */
  public Optional<Path> find(List<String> segments) {
    return locate(segments).map(Found::file);
  }

  /** As {@link #find}, with the name errors give the file. */
  public Optional<Found> locate(List<String> segments) {
    String relative = String.join(File.separator, segments);
    for (String entry : entries) {
      for (String ext : List.of(".tremor", ".trickle")) {
        Path candidate = base.resolve(entry).resolve(relative + ext);
        if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
          return Optional.of(
              new Found(candidate, Path.of(entry).resolve(relative + ext).toString()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The file a source of this name was read from (its name resolved against {@code base}), to
   * notice a module that uses the very script that uses it; empty when the name is no path.
   */
  public Optional<Path> fileOf(String sourceName) {
    try {
      return Optional.of(base.resolve(sourceName).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Tremor's "module not found" message: the module and each entry searched. */
  public String notFoundMessage(List<String> segments) {
    StringBuilder message =
        new StringBuilder("Module `")
            .append(String.join("/", segments))
            .append("` not found or not readable error in module path: ");
    for (String entry : entries) {
      message.append("\n                         - ").append(entry);
    }
    return message.toString();
  }
}
