package io.quiver.runtime.world;

import io.quiver.runtime.Registry;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks onramp and offramp specs against the plugins of a {@link Registry}: the type, codec, pre-
 * and postprocessors are known and the {@code config:} block is valid for the type.
 */
final class RampValidator {
  /** Logs under the deployment's category, {@link World}, like every load message. */
  private static final Logger LOG = LoggerFactory.getLogger(World.class);

  private final Registry registry;

  RampValidator(Registry registry) {
    this.registry = registry;
  }

  /** The onramp, validated; empty when a problem was reported. */
  Optional<ValidatedRamp> onramp(RampSpec spec, Problems problems) {
    SourceProvider provider = registry.source(spec.type());
    if (provider == null) {
      problems.add(
          spec.locationOf("type"),
          // Tremor's text (src/onramp.rs lookup), then the types there are
          "[onramp:"
              + spec.id()
              + "] Onramp type "
              + spec.type()
              + " not known\n  known onramp types: "
              + String.join(", ", registry.sourceNames()));
      formatsKnown(spec, null, problems);
      return Optional.empty();
    }
    return validate(
        spec, provider.configSpec(), provider.requiresConfig(), provider.defaultCodec(), problems);
  }

  /** The offramp, validated; empty when a problem was reported. */
  Optional<ValidatedRamp> offramp(RampSpec spec, Problems problems) {
    SinkProvider provider = registry.sink(spec.type());
    if (provider == null) {
      problems.add(
          spec.locationOf("type"),
          // Tremor's text (src/offramp.rs lookup), then the types there are
          spec.path()
              + ": Offramp "
              + spec.type()
              + " not known\n  known offramp types: "
              + String.join(", ", registry.sinkNames()));
      formatsKnown(spec, null, problems);
      return Optional.empty();
    }
    return validate(
        spec, provider.configSpec(), provider.requiresConfig(), provider.defaultCodec(), problems);
  }

  /**
   * Reports every unknown codec, preprocessor and postprocessor of {@code spec}; {@code
   * defaultCodec} (null when the ramp type is unknown) stands in for a missing {@code codec}.
   */
  private boolean formatsKnown(RampSpec spec, String defaultCodec, Problems problems) {
    boolean ok = true;
    String codec = spec.codec() != null ? spec.codec() : defaultCodec;
    if (codec != null && !registry.hasCodec(codec)) {
      problems.add(spec.locationOf("codec"), codecNotFound(spec, codec));
      ok = false;
    }
    for (String c : spec.codecMap().values()) {
      if (!registry.hasCodec(c)) {
        problems.add(spec.locationOf("codec_map"), codecNotFound(spec, c));
        ok = false;
      }
    }
    for (String p : spec.preprocessors()) {
      if (!registry.hasPreprocessor(p)) {
        problems.add(
            spec.locationOf("preprocessors"),
            spec.path()
                + ": Preprocessor '"
                + p
                + "' not found. Known preprocessors: "
                + String.join(", ", registry.preprocessorNames()));
        ok = false;
      }
    }
    for (String p : spec.postprocessors()) {
      if (!registry.hasPostprocessor(p)) {
        problems.add(
            spec.locationOf("postprocessors"),
            spec.path()
                + ": Postprocessor '"
                + p
                + "' not found. Known postprocessors: "
                + String.join(", ", registry.postprocessorNames()));
        ok = false;
      }
    }
    return ok;
  }

  private String codecNotFound(RampSpec spec, String codec) {
    return spec.path()
        + ": Codec '"
        + codec
        + "' not found. Known codecs: "
        + String.join(", ", registry.codecNames());
  }

  private Optional<ValidatedRamp> validate(
      RampSpec spec,
      ConfigSpec configSpec,
      boolean requiresConfig,
      String defaultCodec,
      Problems problems) {
    boolean ok = formatsKnown(spec, defaultCodec, problems);
    if (spec.config() == null && requiresConfig) {
      problems.add(
          spec.location(),
          spec.path()
              + ": missing `config:` block; the "
              + spec.type()
              + " "
              + spec.kind().word()
              + " needs "
              + requiredKeys(configSpec));
      return Optional.empty();
    }
    ConfigSpec.Validation v = configSpec.validate(spec.config());
    for (ConfigProblem p : v.problems()) {
      problems.add(spec.locationOfConfigKey(p.key()), spec.path() + ": " + p.message());
    }
    for (String unknown : v.unknownKeys()) {
      LOG.warn(
          "{}: {}: unknown configuration key `{}` is ignored (known keys: {})",
          spec.locationOfConfigKey(unknown),
          spec.path(),
          unknown,
          String.join(", ", configSpec.keys().stream().map(k -> k.name()).toList()));
    }
    if (!v.ok() || !ok) {
      return Optional.empty();
    }
    return Optional.of(
        new ValidatedRamp(spec, v.config(), spec.codec() != null ? spec.codec() : defaultCodec));
  }

  private static String requiredKeys(ConfigSpec spec) {
    List<String> names = spec.keys().stream().filter(k -> k.required()).map(k -> k.name()).toList();
    return names.isEmpty() ? "a config block" : "the keys " + String.join(", ", names);
  }
}
