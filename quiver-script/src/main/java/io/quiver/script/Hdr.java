package io.quiver.script;

import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * {@code aggr::stats::hdr}: percentiles of non-negative values with the bucketing of an HDR
 * histogram with two significant digits (values below 256 are exact, larger ones share buckets of
 * growing width), reporting highest-equivalent values as Tremor's histogram does.
 */
final class Hdr extends PercentileAggregate {
  private static final int SUB_BUCKET_HALF_MAGNITUDE = 7;
  private static final long SUB_BUCKET_MASK = 255;

  /** Recorded values by their bucket's lowest value. */
  private final TreeMap<Long, Long> counts = new TreeMap<>();

  private long total;

  @Override
  void add(double v) {
    counts.merge(lowestEquivalent((long) v), 1L, Long::sum);
    total++;
  }

  @Override
  public void merge(Aggregate other) {
    Hdr o = (Hdr) other;
    percentiles.adopt(o.percentiles);
    o.counts.forEach((k, c) -> counts.merge(k, c, Long::sum));
    total += o.total;
  }

  @Override
  public Value emit() {
    LinkedHashMap<String, Value> p = new LinkedHashMap<>();
    for (String name : percentiles.names()) {
      p.put(name, Value.of(valueAtQuantile(Double.parseDouble(name))));
    }
    double mean = mean();
    double stdev = stdev(mean);
    long min = counts.isEmpty() ? 0 : counts.firstKey();
    long max = counts.isEmpty() ? 0 : highestEquivalent(counts.lastKey());
    return Value.obj(
        "count",
        Value.of(total),
        "min",
        Value.of(min),
        "max",
        Value.of(max),
        "mean",
        Value.of(mean),
        "stdev",
        Value.of(stdev),
        "var",
        Value.of(stdev * stdev),
        "percentiles",
        Value.obj(p));
  }

  @Override
  public void init() {
    counts.clear();
    total = 0;
  }

  @Override
  public Aggregate fresh() {
    return new Hdr();
  }

  // ------------------------------------------------------------ bucketing

  private static int bucketIndex(long value) {
    return 63 - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK) - SUB_BUCKET_HALF_MAGNITUDE;
  }

  static long lowestEquivalent(long value) {
    int bucket = bucketIndex(value);
    return (value >>> bucket) << bucket;
  }

  static long sizeOfEquivalentRange(long value) {
    int bucket = bucketIndex(value);
    long subBucket = value >>> bucket;
    return 1L << (bucket + (subBucket >= 256 ? 1 : 0));
  }

  static long highestEquivalent(long value) {
    return lowestEquivalent(value) + sizeOfEquivalentRange(value) - 1;
  }

  private static long medianEquivalent(long value) {
    return lowestEquivalent(value) + (sizeOfEquivalentRange(value) >> 1);
  }

  private long valueAtQuantile(double quantile) {
    double q = Math.min(quantile, 1.0);
    long countAt = (long) Math.ceil(q * total);
    if (countAt == 0) {
      countAt = 1;
    }
    long running = 0;
    for (var e : counts.entrySet()) {
      running += e.getValue();
      if (running >= countAt) {
        return q == 0.0 ? e.getKey() : highestEquivalent(e.getKey());
      }
    }
    return 0;
  }

  private double mean() {
    if (total == 0) {
      return 0.0;
    }
    double acc = 0;
    for (var e : counts.entrySet()) {
      acc += (double) medianEquivalent(e.getKey()) * e.getValue();
    }
    return acc / total;
  }

  private double stdev(double mean) {
    if (total == 0) {
      return 0.0;
    }
    double acc = 0;
    for (var e : counts.entrySet()) {
      double dev = medianEquivalent(e.getKey()) - mean;
      acc += dev * dev * e.getValue();
    }
    return Math.sqrt(acc / total);
  }
}
