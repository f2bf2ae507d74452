package io.quiver.server.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a program name into the command to start: {@code tremor} and {@code quiver} are this Quiver
 * (the same java, class path and main class), anything else is looked up on {@code PATH} as Tremor
 * does; a name with a {@code /} is a path relative to the working folder.
 */
final class Programs {
  static final String MAIN_CLASS = "io.quiver.server.Main";

  private Programs() {}

  /** The command that runs Quiver itself in a new JVM. */
  static List<String> self() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(java, "-cp", absolute(System.getProperty("java.class.path")), MAIN_CLASS);
  }

  /**
   * {@code classPath} with every entry made absolute: the tests' programs run in their own folders,
   * where a relative entry ({@code java -jar quiver-server/target/quiver.jar} from a checkout)
   * would name nothing.
   */
  static String absolute(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator, -1)) {
      entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /** {@code program} resolved, followed by {@code args}. */
  static List<String> of(String program, List<String> args, Path cwd) throws IOException {
    List<String> out = new ArrayList<>();
    if (program.equals("tremor") || program.equals("quiver")) {
      out.addAll(self());
    } else {
      out.add(which(program, cwd));
    }
    out.addAll(args);
    return out;
  }

  private static String which(String program, Path cwd) throws IOException {
    if (program.contains("/")) {
      Path p = cwd.resolve(program);
      if (Files.isRegularFile(p)) {
        return p.toString();
      }
    } else {
      String path = System.getenv("PATH");
      for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, program);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    throw new IOException("Unable to find suitable `" + program + "` binary on path");
  }
}
