package io.quiver.server.it;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one of the repository's examples in this JVM, with its fixed ports (8139, 9139) replaced by
 * free ephemeral ones so tests never collide with anything else on the machine.
 */
final class ExampleDeployment implements AutoCloseable {
  static final Path EXAMPLES = findExamples();

  private final World world;

  private ExampleDeployment(World world) {
    this.world = world;
  }

  /**
   * Copies {@code example} into {@code dir}, rewriting ports as given ({@code from -> to} pairs),
   * loads and starts it.
   */
  static ExampleDeployment start(String example, Path dir, int... portPairs) throws Exception {
    return start(copy(example, dir, portPairs));
  }

  /** Loads and starts deployment files (e.g. a {@link #copy} edited by the test). */
  static ExampleDeployment start(List<Path> files) throws Exception {
    World world = World.load(files, Registry.load());
    world.start();
    return new ExampleDeployment(world);
  }

  /** Copies an example's .trickle and .yaml files (not up.yaml), rewriting ports. */
  static List<Path> copy(String example, Path dir, int... portPairs) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES.resolve(example))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!(name.endsWith(".trickle") || name.endsWith(".yaml")) || name.equals("up.yaml")) {
          continue;
        }
        String text = Files.readString(f);
        for (int i = 0; i < portPairs.length; i += 2) {
          text = text.replace(String.valueOf(portPairs[i]), String.valueOf(portPairs[i + 1]));
        }
        text = text.replace("0.0.0.0", "127.0.0.1");
        Path target = dir.resolve(name);
        Files.writeString(target, text);
        out.add(target);
      }
    }
    return out;
  }

  World world() {
    return world;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free port whose digits contain none of {@code avoid} (the ports a {@link #copy} replaces), so
   * that replacing one port cannot change another already put in.
   */
  static int freePortAvoiding(int... avoid) {
    while (true) {
      int port = freePort();
      String text = String.valueOf(port);
      boolean clash = false;
      for (int a : avoid) {
        clash |= text.contains(String.valueOf(a));
      }
      if (!clash) {
        return port;
      }
    }
  }

  @Override
  public void close() {
    world.stop();
  }

  private static Path findExamples() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("examples/33_proxies_lt_ws"))) {
        return p.resolve("examples");
      }
      p = p.getParent();
    }
    throw new IllegalStateException("examples/ not found above the working directory");
  }
}
