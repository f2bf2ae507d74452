package io.quiver.server.api;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.world.World;
import io.quiver.spi.EpochClock;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code -d/--storage-directory} (src/system.rs {@code save_config}): after every call
 * that publishes, unpublishes, activates or deactivates, the whole configuration (onramps,
 * offramps, bindings and the mappings of the active binding instances; pipelines are not part of
 * it, as in Tremor) is written to {@code config_<epoch nanoseconds>.yaml} in the directory and
 * synced to disk. The file loads with {@code server run -f} (with the pipelines' files).
 */
public final class ConfigSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigSnapshots.class);

  private final Path directory;

  private ConfigSnapshots(Path directory) {
    this.directory = directory;
  }

  /** Snapshots into {@code directory}, or none when it is null. */
  public static ConfigSnapshots into(Path directory) {
    return new ConfigSnapshots(directory);
  }

  /**
   * Writes a snapshot of {@code world}; nothing when no directory is set.
   *
   * @return the file written, or null
   * @throws ApiError 500 {@code IO error: ...} when it cannot be written (the change stays made)
   */
  Path save(World world) throws ApiError {
    if (directory == null) {
      return null;
    }
    Path file = directory.resolve("config_" + EpochClock.nowNs() + ".yaml");
    LOG.info("Serializing configuration to file {}", file);
    byte[] text = YamlText.of(config(world)).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(text);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ApiError(500, "IO error: no such storage directory: " + directory);
    } catch (IOException e) {
      throw new ApiError(500, "IO error: cannot write " + file + ": " + e.getMessage());
    }
    return file;
  }

  /** Tremor's {@code Config}: {@code onramp}, {@code offramp}, {@code binding}, {@code mapping}. */
  static Value config(World world) {
    Map<String, Value> out = new LinkedHashMap<>();
    out.put("onramp", ramps(world.ramps(ResourceType.ONRAMP)));
    out.put("offramp", ramps(world.ramps(ResourceType.OFFRAMP)));
    out.put(
        "binding", Value.array(world.bindings().stream().map(ArtefactValues::binding).toList()));
    Map<String, Value> mappings = new LinkedHashMap<>();
    world
        .mappings()
        .forEach(
            (path, values) -> {
              Map<String, Value> fields = new LinkedHashMap<>();
              values.forEach((k, v) -> fields.put(k, Value.of(v)));
              mappings.put("tremor://localhost" + path, Value.obj(fields));
            });
    out.put("mapping", Value.obj(mappings));
    return Value.obj(out);
  }

  private static Value ramps(List<RampSpec> specs) {
    return Value.array(specs.stream().map(ArtefactValues::ramp).toList());
  }
}
