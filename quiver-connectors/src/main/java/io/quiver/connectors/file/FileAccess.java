package io.quiver.connectors.file;

import io.quiver.spi.config.Check;
import io.quiver.value.Value;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tukaani.xz.XZInputStream;

/**
 * Opening the files of the file onramp and offramp, and the config checks that find a file that
 * cannot be opened before anything starts. Relative paths are resolved against the working
 * directory, as Tremor does; messages name the resolved path.
 */
final class FileAccess {
  /** The hint every message about a relative path ends with. */
  static final String RELATIVE_HINT =
      "relative paths are resolved against the directory quiver runs in";

  private FileAccess() {}

  /** Whether {@code file} is read through the xz decompressor (Tremor: its extension is xz). */
  static boolean isXz(Path file) {
    Path name = file.getFileName();
    String s = name == null ? "" : name.toString();
    return s.endsWith(".xz") && s.length() > ".xz".length();
  }

  /**
   * Opens {@code file} for reading, decompressing {@code .xz}.
   *
   * @throws IOException whose message names the file and what is wrong
   */
  static InputStream openSource(Path file) throws IOException {
    String problem = sourceProblem(file);
    if (problem != null) {
      throw new IOException(problem);
    }
    InputStream in;
    try {
      in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    } catch (IOException e) {
      throw new IOException("cannot read " + file.toAbsolutePath() + ": " + describe(e), e);
    }
    if (!isXz(file)) {
      return in;
    }
    try {
      return new XZInputStream(in);
    } catch (IOException e) {
      in.close();
      throw new IOException(
          "cannot read " + file.toAbsolutePath() + ": not xz data (" + describe(e) + ")", e);
    }
  }

  /**
   * Creates or truncates {@code file} for writing (Tremor's file offramp starts every run with an
   * empty file). A plain {@link FileOutputStream}: its writes are not cut short by interrupts.
   *
   * @throws IOException whose message names the file and what is wrong
   */
  static OutputStream createTarget(Path file) throws IOException {
    String problem = targetProblem(file);
    if (problem != null) {
      throw new IOException(problem);
    }
    try {
      return new FileOutputStream(file.toFile(), false);
    } catch (FileNotFoundException e) {
      throw new IOException("cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** A config check: the string names a readable regular file. */
  static Check readableSource() {
    return v -> v instanceof Value.Str s ? sourceProblem(Path.of(s.value())) : null;
  }

  /** A config check: the string names a file that can be created or overwritten. */
  static Check writableTarget() {
    return v -> v instanceof Value.Str s ? targetProblem(Path.of(s.value())) : null;
  }

  /** Why {@code file} cannot be read, or null. */
  static String sourceProblem(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      return "cannot read " + abs + ": no such file (" + RELATIVE_HINT + ")";
    }
    if (Files.isDirectory(abs)) {
      return "cannot read " + abs + ": it is a directory, not a file";
    }
    if (!Files.isReadable(abs)) {
      return "cannot read " + abs + ": permission denied";
    }
    return null;
  }

  /** Why {@code file} cannot be created or overwritten, or null. */
  static String targetProblem(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      return "cannot write " + abs + ": it is a directory, not a file";
    }
    if (Files.exists(abs)) {
      return Files.isWritable(abs) ? null : "cannot write " + abs + ": permission denied";
    }
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return "cannot create "
          + abs
          + ": the directory "
          + dir
          + " does not exist (create it first; "
          + RELATIVE_HINT
          + ")";
    }
    if (!Files.isWritable(dir)) {
      return "cannot create " + abs + ": the directory " + dir + " is not writable";
    }
    return null;
  }

  /** A short reason for an I/O failure on {@code file}. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof EOFException) {
      return "the data ends too early (a truncated file?)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
