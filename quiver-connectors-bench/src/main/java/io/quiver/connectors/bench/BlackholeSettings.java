package io.quiver.connectors.bench;

/**
 * The validated settings of one blackhole offramp.
 *
 * @param warmupSecs seconds during which events are ignored
 * @param stopAfterSecs seconds measured after the warm-up (0: never stop)
 * @param significantFigures precision of the latency histogram
 */
public record BlackholeSettings(long warmupSecs, long stopAfterSecs, int significantFigures) {}
