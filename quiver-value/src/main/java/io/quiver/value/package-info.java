/**
 * The event data model: the immutable sealed {@link io.quiver.value.Value} (null, bool, int, float,
 * string, bytes, array, record), {@link io.quiver.value.Event} with its {@link
 * io.quiver.value.EventId} ({@code source:0:n}) and {@link io.quiver.value.Transit} (transactional,
 * batch, operator metadata), and one streaming JSON reader and writer ({@link
 * io.quiver.value.Json}). {@link io.quiver.value.TremorKeyOrder} models the key order Tremor 0.11
 * gives a copied record (not used by the writer yet).
 *
 * <p>The bottom layer: depends on the JDK only (no other Quiver module, no Netty, no logging), so
 * every other module can use it.
 */
package io.quiver.value;
