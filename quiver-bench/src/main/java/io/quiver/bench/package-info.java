/**
 * JMH micro benchmarks (compiled by {@code ./mvnw verify}, run on demand, never part of the tests):
 * {@link io.quiver.bench.CodecBench}, {@link io.quiver.bench.DecompressBench}, {@link
 * io.quiver.bench.InterpreterBench} and {@link io.quiver.bench.WsHotPathBench} (the proxy's
 * per-message work without sockets), on deterministic {@code Samples}. May depend on any library
 * module; nothing depends on it.
 */
package io.quiver.bench;
