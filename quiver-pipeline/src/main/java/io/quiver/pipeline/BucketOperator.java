package io.quiver.pipeline;

import io.quiver.script.ValueOps;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code grouper::bucket} (Tremor 0.11, op/grouper/bucket.rs): rate limits per {@code $class} and
 * {@code $dimensions} with the {@code $rate} (per {@code $time_range} ms in {@code $windows} slots)
 * from the event's meta. Events within the rate go to {@code out}, those over it to {@code
 * overflow}, events without a class (or without a rate for a new dimension) to {@code err}. Each
 * class keeps at most {@code $cardinality} dimensions, dropping the least recently used.
 */
final class BucketOperator implements Operator {

  static final OperatorKind KIND =
      OperatorKind.of(
          "grouper::bucket", ConfigSpec.of(), (node, config) -> uid -> new BucketOperator());

  /**
   * Rate windows by class (in order of first sight, the order of the {@code bucketing} metrics),
   * then by encoded dimensions (least recently used first).
   */
  private final Map<String, Dimensions> classes = new LinkedHashMap<>();

  @Override
  public void onEvent(Event event, Output out) {
    Value.Obj meta = event.meta() instanceof Value.Obj o ? o : Value.EMPTY_OBJECT;
    if (!(meta.get("class") instanceof Value.Str cls)) {
      out.event("err", event);
      return;
    }
    int cardinality =
        meta.get("cardinality") instanceof Value.Int n && n.value() > 0
            ? (int) Math.min(n.value(), Integer.MAX_VALUE)
            : 1000;
    Dimensions dims = classes.computeIfAbsent(cls.value(), k -> new Dimensions(cardinality));
    Value d = meta.get("dimensions");
    String key = ValueOps.encode(d == null ? Value.NULL : d);
    RateWindow window = dims.get(key);
    if (window == null) {
      if (!(meta.get("rate") instanceof Value.Int rate) || rate.value() < 0) {
        out.event("err", event);
        return;
      }
      long range =
          meta.get("time_range") instanceof Value.Int t && t.value() > 0 ? t.value() : 1000;
      int slots =
          meta.get("windows") instanceof Value.Int w && w.value() > 0
              ? (int) Math.min(w.value(), 1_000_000)
              : 100;
      window = new RateWindow(slots, range / slots, rate.value());
      dims.put(key, window);
    }
    if (window.tryIncrement(event.ingestNs())) {
      dims.pass++;
      out.event("out", event);
    } else {
      dims.overflow++;
      out.event("overflow", event);
    }
  }

  /**
   * Tremor's {@code bucketing} metrics: per class, the events passed and overflowed so far ({@code
   * {"measurement": "bucketing", "tags": {..., "class": c, "action": "pass"|"overflow"}, ...}}).
   */
  @Override
  public void metrics(Map<String, Value> tags, long timestampNs, List<Value> out) {
    for (Map.Entry<String, Dimensions> c : classes.entrySet()) {
      out.add(bucketing(tags, c.getKey(), "pass", c.getValue().pass, timestampNs));
      out.add(bucketing(tags, c.getKey(), "overflow", c.getValue().overflow, timestampNs));
    }
  }

  private static Value bucketing(
      Map<String, Value> tags, String cls, String action, long count, long timestampNs) {
    LinkedHashMap<String, Value> t = new LinkedHashMap<>(tags);
    t.put("class", Value.of(cls));
    t.put("action", Value.of(action));
    return MetricEvents.influx("bucketing", Value.obj(t), count, timestampNs);
  }

  /**
   * The rate windows of one class by encoded dimensions, in access order, holding at most the
   * cardinality the class was first seen with.
   */
  private static final class Dimensions extends LinkedHashMap<String, RateWindow> {
    private static final long serialVersionUID = 1L;
    private final int cardinality;
    long pass;
    long overflow;

    Dimensions(int cardinality) {
      super(16, 0.75f, true);
      this.cardinality = cardinality;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RateWindow> eldest) {
      return size() > cardinality;
    }
  }
}
