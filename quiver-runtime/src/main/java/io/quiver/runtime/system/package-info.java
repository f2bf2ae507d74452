/**
 * Tremor's system artefacts that live in the runtime itself: the {@code system::stdout} and {@code
 * system::stderr} offramps ({@link io.quiver.runtime.system.StdStreamSink}) for a runtime without
 * the {@code stdout}/{@code stderr} offramp plugins; with them (quiver-connectors), those instances
 * are of {@code type: stdout}/{@code stderr}. Depends on quiver-spi and quiver-value only.
 */
package io.quiver.runtime.system;
