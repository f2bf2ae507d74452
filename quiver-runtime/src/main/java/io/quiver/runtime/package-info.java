/**
 * The runtime's shared vocabulary: {@link io.quiver.runtime.Registry} (every plugin found through
 * {@link java.util.ServiceLoader}, keyed by its Tremor name; two with one name are a startup
 * error), {@link io.quiver.runtime.TremorUrl} ({@code tremor://host/type/artefact/instance/port})
 * and {@link io.quiver.runtime.ResourceType}.
 *
 * <p>Depends on quiver-spi only; the loading and running of a deployment are in the {@code config}
 * and {@code world} subpackages.
 */
package io.quiver.runtime;
