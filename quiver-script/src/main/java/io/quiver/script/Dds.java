package io.quiver.script;

import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code aggr::stats::dds}: percentiles from a DDSketch with relative accuracy 1%, at most 2048
 * bins and a smallest distinguishable value of 1e-9, the defaults of the {@code sketches-ddsketch}
 * 0.1.2 crate Tremor 0.11 uses (tremor-script/src/std_lib/stats.rs, {@code Dds}).
 *
 * <p>A value {@code v} lands in bin {@code ceil(ln v / ln gamma) + offset}; a quantile is the
 * representative value {@code 2 gamma^k / (1 + gamma)} of the bin holding rank {@code floor(q (n -
 * 1) + 1)}, bounded by the observed min and max, then rounded up to one decimal as Tremor does.
 * Negative values are ignored, as in Tremor. When the bins would span more than 2048 keys, the
 * lowest ones collapse into the lowest kept bin (the crate's collapsing store).
 */
final class Dds extends PercentileAggregate {
  private static final double ALPHA = 0.01;
  private static final int MAX_BINS = 2048;
  private static final double MIN_VALUE = 1.0e-9;
  static final double GAMMA = 1.0 + (2.0 * ALPHA) / (1.0 - ALPHA);
  private static final double GAMMA_LN = Math.log1p((2.0 * ALPHA) / (1.0 - ALPHA));
  private static final int OFFSET = 1 - (int) (Math.log(MIN_VALUE) / GAMMA_LN);

  /** Bin counts by key, ascending. */
  private final TreeMap<Integer, Long> bins = new TreeMap<>();

  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;

  @Override
  void add(double v) {
    bins.merge(key(v), 1L, Long::sum);
    count++;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    collapse();
  }

  static int key(double v) {
    if (v < -MIN_VALUE) {
      return -(int) Math.ceil(Math.log(-v) / GAMMA_LN) - OFFSET;
    } else if (v > MIN_VALUE) {
      return (int) Math.ceil(Math.log(v) / GAMMA_LN) + OFFSET;
    }
    return 0;
  }

  /** Folds the keys more than {@link #MAX_BINS} below the highest one into the lowest kept bin. */
  private void collapse() {
    if (bins.isEmpty() || bins.lastKey() - bins.firstKey() < MAX_BINS) {
      return;
    }
    int lowestKept = bins.lastKey() - MAX_BINS + 1;
    long folded = 0;
    Map<Integer, Long> below = bins.headMap(lowestKept);
    for (long c : below.values()) {
      folded += c;
    }
    below.clear();
    bins.merge(lowestKept, folded, Long::sum);
  }

  /** The sketch's estimate of quantile {@code q} (0 to 1), before Tremor's rounding. */
  double quantile(double q) {
    if (count == 0) {
      return 0.0;
    }
    if (q == 0.0) {
      return min;
    }
    if (q == 1.0) {
      return max;
    }
    long rank = (long) (q * (count - 1) + 1.0);
    int key = keyAtRank(rank);
    double estimate;
    if (key < 0) {
      estimate = -2.0 * Math.exp((-(key + OFFSET)) * GAMMA_LN) / (1.0 + GAMMA);
    } else if (key > 0) {
      estimate = 2.0 * Math.exp((key - OFFSET) * GAMMA_LN) / (1.0 + GAMMA);
    } else {
      estimate = 0.0;
    }
    return Math.max(min, Math.min(max, estimate));
  }

  private int keyAtRank(long rank) {
    long running = 0;
    for (var e : bins.entrySet()) {
      running += e.getValue();
      if (running >= rank) {
        return e.getKey();
      }
    }
    return bins.lastKey();
  }

  @Override
  public void merge(Aggregate other) {
    Dds o = (Dds) other;
    percentiles.adopt(o.percentiles);
    if (o.count == 0) {
      return;
    }
    o.bins.forEach((k, c) -> bins.merge(k, c, Long::sum));
    count += o.count;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    sum += o.sum;
    collapse();
  }

  @Override
  public Value emit() throws FunctionException {
    LinkedHashMap<String, Value> p = new LinkedHashMap<>();
    for (String name : percentiles.names()) {
      double q = Double.parseDouble(name);
      if (count > 0 && (q < 0.0 || q > 1.0)) {
        throw new FunctionException(
            "Unable to calculate percentile '" + rustDisplay(q) + "'", false);
      }
      double value = count == 0 ? 0.0 : Math.ceil(quantile(q) * 10) / 10;
      p.put(name, Value.of(value));
    }
    boolean empty = count == 0;
    return Value.obj(
        "count",
        Value.of(count),
        "sum",
        Value.of(empty ? 0.0 : sum),
        "min",
        Value.of(empty ? 0.0 : min),
        "max",
        Value.of(empty ? 0.0 : max),
        "mean",
        Value.of(empty ? 0.0 : sum / count),
        "percentiles",
        Value.obj(p));
  }

  /** Rust's {@code Display} of an f64: no trailing {@code .0} for whole numbers. */
  private static String rustDisplay(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public void init() {
    bins.clear();
    count = 0;
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
    sum = 0;
  }

  @Override
  public Aggregate fresh() {
    return new Dds();
  }
}
