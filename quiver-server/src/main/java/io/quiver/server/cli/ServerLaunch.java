package io.quiver.server.cli;

import io.quiver.server.Main;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The command line that starts one server of {@code quiver up} as a child process (run in its dir).
 */
@FunctionalInterface
public interface ServerLaunch {
  List<String> command(UpServer server);

  /**
   * {@code java [$QUIVER_JVM_DEFAULTS] [$QUIVER_JAVA_OPTS] -jar <this quiver jar> server run -f
   * <files>}, with the java running this process (the launcher exports the JVM defaults it started
   * this process with); from a classes folder or a plain jar (tests, IDE) {@code -cp <class path>
   * Main} instead.
   */
  static ServerLaunch quiverServerRun() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvm = new ArrayList<>(List.of(java));
    for (String variable : List.of("QUIVER_JVM_DEFAULTS", "QUIVER_JAVA_OPTS")) {
      String opts = System.getenv(variable);
      if (opts != null && !opts.isBlank()) {
        jvm.addAll(Arrays.asList(opts.trim().split("\\s+")));
      }
    }
    Path code = codeLocation();
    if (code != null && runnable(code)) {
      jvm.addAll(List.of("-jar", code.toString()));
    } else {
      jvm.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }
    return server -> {
      if (server.command() != null) {
        return serviceCommand(server);
      }
      List<String> command = new ArrayList<>(jvm);
      command.addAll(List.of("server", "run", "-n", "-f"));
      server.files().forEach(f -> command.add(f.toString()));
      return command;
    };
  }

  /**
   * The command line of a service ({@code command:} in up.yaml): a first word with a slash is a
   * path relative to the server's dir, any other is looked up on PATH.
   */
  static List<String> serviceCommand(UpServer server) {
    List<String> command = new ArrayList<>(server.command());
    String program = command.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      command.set(0, server.dir().resolve(program).normalize().toString());
    }
    return command;
  }

  /** Whether {@code code} is a jar that {@code java -jar} can run (the shaded quiver.jar). */
  private static boolean runnable(Path code) {
    if (!code.toString().endsWith(".jar")) {
      return false;
    }
    try (JarFile jar = new JarFile(code.toFile())) {
      Manifest manifest = jar.getManifest();
      return manifest != null
          && manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path codeLocation() {
    try {
      var source = Main.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }
}
