package io.quiver.connectors.elastic;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A deployment for the ITs, loaded from a config and a pipeline written into a folder. */
final class ElasticDeployment implements AutoCloseable {
  private final World world;

  private ElasticDeployment(World world) {
    this.world = world;
  }

  /** Writes {@code files} (name, text pairs) into {@code dir}, then loads and starts them. */
  static ElasticDeployment start(Path dir, String... namesAndTexts) throws Exception {
    Files.createDirectories(dir);
    List<Path> files = new java.util.ArrayList<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      Path f = dir.resolve(namesAndTexts[i]);
      Files.writeString(f, namesAndTexts[i + 1]);
      if (!f.toString().endsWith(".json")) {
        files.add(f);
      }
    }
    World world = World.load(files, Registry.load());
    world.start();
    return new ElasticDeployment(world);
  }

  @Override
  public void close() {
    world.stop();
  }
}
