package io.quiver.runtime.world;

import io.quiver.runtime.config.RampSpec;
import io.quiver.spi.config.Config;

/**
 * An onramp/offramp spec whose type, codec, processors and config all checked out.
 *
 * @param codec the codec its instances use: the spec's, else the type's default
 */
record ValidatedRamp(RampSpec spec, Config config, String codec) {}
