package io.quiver.pipeline;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code generic::batch} (Tremor 0.11, op/generic/batch.rs): collects {@code count} events into one
 * batch event, or fewer when {@code timeout} ms passed since the first of them (checked on each
 * event and each tick). The batch is Tremor's {@code is_batch} event: its data is an array of
 * {@code {"data": {"value": ..., "meta": ..., "ingest_ns": ..., "kind": null, "is_batch": ...}}}
 * records, its meta is empty, its ingest time is the first event's, it is transactional when any of
 * its events was, and its id ({@code <operator uid>:0:<n>}) tracks the ids of all its events, so an
 * ack or fail of the batch reaches every source that contributed. The events' own operator metadata
 * is not carried over (as in Tremor).
 */
final class BatchOperator implements Operator {

  static final OperatorKind KIND =
      OperatorKind.of(
          "generic::batch",
          ConfigSpec.of(
              ConfigKey.required("count", ConfigType.INTEGER, "how many events make a batch")
                  .withCheck(Check.atLeast(1)),
              ConfigKey.optional(
                      "timeout",
                      ConfigType.INTEGER,
                      null,
                      "emit a smaller batch once its first event is this many milliseconds old (unset: never)")
                  .withCheck(Check.atLeast(0))),
          (nodeId, config) -> {
            long count = config.integer("count");
            long timeoutNs = config.has("timeout") ? config.integer("timeout") * 1_000_000L : -1;
            return uid -> new BatchOperator(uid, count, timeoutNs);
          });

  private final long uid;
  private final long count;
  private final long maxDelayNs;
  private final List<Value> entries = new ArrayList<>();
  private long firstNs;
  private long nextId;
  private EventId batchId;
  private Transit batchTransit = Transit.NONE;
  private boolean transactional;

  BatchOperator(long uid, long count, long maxDelayNs) {
    this.uid = uid;
    this.count = count;
    this.maxDelayNs = maxDelayNs;
    this.batchId = new EventId(uid, 0, nextId++);
  }

  @Override
  public void onEvent(Event event, Output out) {
    batchTransit = batchTransit.withTracked(batchId, event.id(), event.transit());
    transactional |= event.transactional();
    LinkedHashMap<String, Value> entry = new LinkedHashMap<>();
    entry.put("value", event.data());
    entry.put("meta", event.meta());
    entry.put("ingest_ns", Value.of(event.ingestNs()));
    entry.put("kind", Value.NULL);
    entry.put("is_batch", Value.of(event.batch()));
    entries.add(Value.obj("data", Value.obj(entry)));
    if (entries.size() == 1) {
      firstNs = event.ingestNs();
    }
    boolean flush =
        maxDelayNs >= 0 && event.ingestNs() - firstNs > maxDelayNs ? true : entries.size() == count;
    if (flush) {
      out.event("out", flush());
    }
  }

  @Override
  public boolean handlesSignal() {
    return true;
  }

  @Override
  public void onSignal(long nowNs, Output out) {
    if (maxDelayNs >= 0 && nowNs - firstNs > maxDelayNs && !entries.isEmpty()) {
      out.event("out", flush());
    }
  }

  private Event flush() {
    Value data = Value.array(List.copyOf(entries));
    entries.clear();
    Transit transit = batchTransit.withBatch(true).withTransactional(transactional);
    Event batch = new Event(batchId, firstNs, data, Value.EMPTY_OBJECT, 0, transit);
    transactional = false;
    batchId = new EventId(uid, 0, nextId++);
    batchTransit = Transit.NONE;
    return batch;
  }
}
