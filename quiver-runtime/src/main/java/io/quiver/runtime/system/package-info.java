/**
 * Tremor's system artefacts that live in the runtime itself: the {@code system::stdout} and {@code
 * system::stderr} offramps ({@link io.quiver.runtime.system.StdStreamSink}). Depends on quiver-spi
 * and quiver-value only.
 */
package io.quiver.runtime.system;
