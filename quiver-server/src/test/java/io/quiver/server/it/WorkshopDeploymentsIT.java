package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every deployment of Tremor's workshop starts under {@code quiver server run}: the examples of a
 * tremor-www-docs checkout ({@code -Dquiver.workshop=.../docs/workshop/examples}; skipped without
 * it, so CI, which has no checkout, does not run it). Each Tremor service of an example's {@code
 * docker-compose.yaml} is run as its docker image would run it (the entrypoint's {@code -f
 * CFG_DIR/*.yaml *.yml *.trickle} and {@code --logger-config}, {@code TREMOR_PATH} on the mounted
 * {@code /usr/local/share/tremor}), from a copy of the example in which the container paths of its
 * bind mounts are replaced by the copy's folders. The other services (databases, brokers, search
 * nodes, collectors) are not started: a deployment must start and keep reconnecting without them,
 * as Tremor's does. Ports are the examples' own, so nothing else may hold them meanwhile.
 *
 * <pre>
 * ./mvnw -o -pl quiver-server -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=WorkshopDeploymentsIT -Dquiver.workshop=PATH/docs/workshop/examples
 * </pre>
 */
@EnabledIfSystemProperty(named = "quiver.workshop", matches = ".+")
class WorkshopDeploymentsIT {
  private static final long START_WITHIN_S = 60;
  private static final String RUNNING = "quiver is running";

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyDeploymentStartsUnderServerRun() throws IOException {
    Path examples = Path.of(System.getProperty("quiver.workshop")).toAbsolutePath();
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(examples)) {
      for (Path example : dirs.filter(WorkshopDeploymentsIT::hasCompose).sorted().toList()) {
        Path copy = tmp.resolve(example.getFileName().toString());
        copyTree(example, copy);
        for (ComposeTremorService service :
            ComposeTremorService.read(copy.resolve("docker-compose.yaml"))) {
          tests.add(
              DynamicTest.dynamicTest(
                  example.getFileName() + " " + service.name(), () -> starts(copy, service)));
        }
      }
    }
    assertThat(tests).as("tremor services in %s", examples).isNotEmpty();
    return tests.stream();
  }

  private static boolean hasCompose(Path dir) {
    return Files.isRegularFile(dir.resolve("docker-compose.yaml"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private void starts(Path example, ComposeTremorService service) throws Exception {
    List<String> args = new ArrayList<>();
    args.add(ProcessHandle.current().info().command().orElseThrow());
    args.add("-cp");
    args.add(System.getProperty("java.class.path"));
    args.add(Main.class.getName());
    args.addAll(List.of("server", "run", "-n"));
    Path logger = service.loggerFile();
    if (Files.isRegularFile(logger)) {
      rewriteInPlace(service, logger);
      args.addAll(List.of("--logger-config", logger.toString()));
    }
    List<Path> artefacts = artefacts(service);
    assertThat(artefacts).as("artefacts in %s", service.configDir()).isNotEmpty();
    args.add("-f");
    for (Path f : artefacts) {
      rewriteInPlace(service, f);
      args.add(f.toString());
    }
    Path out = example.resolve("quiver-" + service.name() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(args)
            .directory(example.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("TREMOR_PATH", service.tremorPath());
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WITHIN_S);
      while (!Files.readString(out, StandardCharsets.UTF_8).contains(RUNNING)) {
        assertThat(process.isAlive())
            .as("%s still running; its output:%n%s", service.name(), Files.readString(out))
            .isTrue();
        assertThat(System.nanoTime() - deadline < 0)
            .as("'%s' within %d s; output:%n%s", RUNNING, START_WITHIN_S, Files.readString(out))
            .isTrue();
        process.waitFor(50, TimeUnit.MILLISECONDS);
      }
      // still up a moment later: a connector that fails right after the start would end it
      assertThat(process.waitFor(2, TimeUnit.SECONDS))
          .as("%s exited after starting; output:%n%s", service.name(), Files.readString(out))
          .isFalse();
    } finally {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** What the image's entrypoint passes to {@code -f}: CFG_DIR's yaml, yml and trickle files. */
  private static List<Path> artefacts(ComposeTremorService service) throws IOException {
    Path dir = service.configDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    for (String ext : List.of(".yaml", ".yml", ".trickle")) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.getFileName().toString().endsWith(ext)).sorted().forEach(found::add);
      }
    }
    return found;
  }

  private static void rewriteInPlace(ComposeTremorService service, Path file) throws IOException {
    Files.writeString(file, service.rewrite(Files.readString(file)));
  }
}
