/**
 * Tremor's {@code kv} offramp ({@code type: kv}, key {@code dir}, codec json by default): events
 * carry commands ({@code get}, {@code put}, {@code delete}, {@code scan}, {@code cas}, read by
 * {@link io.quiver.connectors.kv.KvCommands} into {@link io.quiver.connectors.kv.KvCommand}s),
 * {@link io.quiver.connectors.kv.KvSink} runs them in order on its own worker thread (never on a
 * pipeline thread or an event loop) against {@link io.quiver.connectors.kv.KvStore} (H2's MVStore,
 * one file in {@code dir}, byte-ordered keys via {@link io.quiver.connectors.kv.SortedBytesType}),
 * and answers every command out of {@code out} ({@link io.quiver.connectors.kv.KvExecutor} builds
 * Tremor's reply shapes) or {@code err} ({@link io.quiver.connectors.kv.KvReplies}). Entry point:
 * {@link io.quiver.connectors.kv.KvProvider} (ServiceLoader). A module of its own because MVStore
 * comes in H2's jar, which no other connector needs. Depends on quiver-spi, quiver-value,
 * quiver-script (Tremor's Rust rendering of a value for an error text), H2 and SLF4J, never on the
 * runtime. Why MVStore: docs/kv.md.
 */
package io.quiver.connectors.kv;
