/**
 * Configuration declared as data: a plugin lists its keys once as {@link
 * io.quiver.spi.config.ConfigKey}s (name, {@link io.quiver.spi.config.ConfigType}, default or
 * required, {@link io.quiver.spi.config.Check}, doc) in a {@link io.quiver.spi.config.ConfigSpec};
 * {@link io.quiver.spi.config.ConfigSpec#validate} reports every {@link
 * io.quiver.spi.config.ConfigProblem} of a block at once and yields a typed {@link
 * io.quiver.spi.config.Config}. The same declarations render docs/reference.md.
 *
 * <p>Depends on quiver-value only; not on the rest of the SPI.
 */
package io.quiver.spi.config;
