package io.quiver.runtime.config;

import io.quiver.runtime.ResourceType;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;

/**
 * An onramp or offramp artefact as declared in YAML (Tremor's {@code OnRamp}/{@code OffRamp} in
 * src/config.rs), with the locations of its fields for error reporting.
 *
 * @param codec the codec name, or {@code null} for the type's default
 * @param config the {@code config:} block, or {@code null} when absent
 * @param configLocation where the {@code config:} key is, or {@code null} when absent
 */
public record RampSpec(
    ResourceType kind,
    String id,
    String type,
    String description,
    boolean linked,
    String codec,
    Map<String, String> codecMap,
    List<String> preprocessors,
    List<String> postprocessors,
    boolean errRequired,
    Long metricsIntervalS,
    Value config,
    Location location,
    Map<String, Location> fieldLocations,
    Map<String, Location> configKeyLocations,
    Location configLocation) {

  /** Where a field was written, else where the artefact starts. */
  public Location locationOf(String field) {
    return fieldLocations.getOrDefault(field, location);
  }

  /** Where a config key was written, else where the config block (or artefact) starts. */
  public Location locationOfConfigKey(String key) {
    if (key != null && configKeyLocations.containsKey(key)) {
      return configKeyLocations.get(key);
    }
    return configLocation != null ? configLocation : location;
  }

  /** {@code /onramp/ws}: how problems name the artefact. */
  public String path() {
    return "/" + kind.word() + "/" + id;
  }
}
