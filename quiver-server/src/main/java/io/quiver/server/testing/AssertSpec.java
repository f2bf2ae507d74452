package io.quiver.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An {@code assert.yaml}: {@code status} (the expected exit code), {@code name} and {@code
 * asserts}, a list of {@link FileAssert}. The same items are the {@code expects} of a command case.
 *
 * @param base the folder of the {@code assert.yaml}: file sources and expected files not found
 *     relative to the working folder are looked up there (null for command cases: no fallback)
 */
public record AssertSpec(int status, String name, List<FileAssert> asserts, Path base) {

  public AssertSpec {
    asserts = List.copyOf(asserts);
  }

  /**
   * One check of a file: {@code source} is {@code stdout} or {@code stderr} (any case) for the
   * process output, else a file path; each of {@code contains} must be in some line, none of {@code
   * doesntContain} in any line (both trimmed), and the file must equal {@code equalsFile} exactly.
   */
  public record FileAssert(
      String source, List<String> contains, List<String> doesntContain, String equalsFile) {
    public FileAssert {
      contains = contains == null ? null : List.copyOf(contains);
      doesntContain = doesntContain == null ? null : List.copyOf(doesntContain);
    }

    /** An item with none of the three checks: Tremor counts it as skipped. */
    public boolean empty() {
      return contains == null && doesntContain == null && equalsFile == null;
    }

    /** The output this item reads: "stdout", "stderr" or null for a file. */
    String stream() {
      String s = source.toLowerCase(Locale.ROOT);
      return s.equals("stdout") || s.equals("stderr") ? s : null;
    }
  }

  /**
   * Loads {@code file}; as in Tremor every {@code equals_file} must exist (relative to the working
   * folder or to the file's folder) when it is loaded.
   */
  public static AssertSpec load(Path file, Path cwd) throws IOException {
    String where = "Unable to load `assert.yaml` from path `" + file + "`: ";
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    } catch (YamlEngineException e) {
      throw new IOException(where + e.getMessage().strip());
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new IOException(where + "expected a mapping with status, name and asserts");
    }
    if (!(m.get("status") instanceof Number status)) {
      throw new IOException(where + "missing field `status` (the expected exit code)");
    }
    if (!(m.get("name") instanceof String name)) {
      throw new IOException(where + "missing field `name`");
    }
    List<FileAssert> asserts = items(m.get("asserts"), "asserts", where);
    Path base = file.toAbsolutePath().getParent();
    for (FileAssert a : asserts) {
      if (a.equalsFile() != null
          && !Files.isRegularFile(cwd.resolve(a.equalsFile()))
          && !Files.isRegularFile(base.resolve(a.equalsFile()))) {
        throw new IOException("equals_file  `" + a.equalsFile() + "` not found in `assert.yaml`");
      }
    }
    return new AssertSpec(status.intValue(), name, asserts, base);
  }

  /** Parses a list of assert items ({@code asserts} or a command case's {@code expects}). */
  static List<FileAssert> items(Object list, String key, String where) throws IOException {
    if (!(list instanceof List<?> l)) {
      throw new IOException(where + "missing field `" + key + "` (a list of checks)");
    }
    List<FileAssert> out = new ArrayList<>();
    for (Object item : l) {
      if (!(item instanceof Map<?, ?> a) || !(a.get("source") instanceof String source)) {
        throw new IOException(
            where + "each of `" + key + "` needs a `source` (stdout, stderr or a file)");
      }
      Object equals = a.get("equals_file");
      if (equals != null && !(equals instanceof String)) {
        throw new IOException(where + "`equals_file` must be a file name");
      }
      out.add(
          new FileAssert(
              source,
              strings(a.get("contains"), "contains", where),
              strings(a.get("doesnt_contain"), "doesnt_contain", where),
              (String) equals));
    }
    return out;
  }

  private static List<String> strings(Object v, String key, String where) throws IOException {
    if (v == null) {
      return null;
    }
    List<?> list = v instanceof List<?> l ? l : List.of(v);
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
        throw new IOException(where + "`" + key + "` must be a list of strings");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }
}
