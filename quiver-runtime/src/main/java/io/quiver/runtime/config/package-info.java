/**
 * Reads Tremor 0.11 YAML deployment files: {@link io.quiver.runtime.config.YamlConfigReader} turns
 * {@code onramp}, {@code offramp}, {@code binding} and {@code mapping} sections into specs ({@link
 * io.quiver.runtime.config.RampSpec}, {@link io.quiver.runtime.config.BindingSpec}, {@link
 * io.quiver.runtime.config.MappingSpec}) with the {@link io.quiver.runtime.config.Location} of
 * every field, and collects every problem ({@link io.quiver.runtime.config.Problems}) so that a
 * {@link io.quiver.runtime.config.DeploymentException} reports them all at once.
 *
 * <p>Pure parsing: creates no instances and opens no sockets; must not depend on {@code
 * io.quiver.runtime.world} or on any connector.
 */
package io.quiver.runtime.config;
