package io.quiver.runtime.world;

import io.quiver.pipeline.MetricEvents;
import io.quiver.runtime.TremorUrl;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An onramp's or offramp's {@code ramp_events} metrics (Tremor 0.11's {@code RampReporter},
 * src/metrics.rs), on when the artefact sets {@code metrics_interval_s}: events counted per port
 * ({@code in}, {@code out}, {@code error}) since the ramp started.
 *
 * <p>Reports are event-driven, as in Tremor: before an event is counted, when its ingest time is at
 * least the interval past the last report's (the first event always reports, with zero counts),
 * three events go into {@code system::metrics}: {@code {"measurement": "ramp_events", "tags":
 * {"ramp": <url>, "port": "in"|"out"|"error"}, "fields": {"count": n}, "timestamp": <that event's
 * ingest time>}}. An onramp counts what it sends out of {@code out} and {@code err} (its {@code in}
 * stays 0); an offramp counts what it receives ({@code in}), what its sink took ({@code out}) and
 * what its sink refused ({@code error}).
 *
 * <p>Thread-safe and lock-free: a ramp may be fed from several threads; one of them wins each
 * report.
 */
final class RampMetrics {
  private final Value ramp;
  private final long intervalNs;
  private final Consumer<Event> metricsInput;
  private final AtomicLong in = new AtomicLong();
  private final AtomicLong out = new AtomicLong();
  private final AtomicLong error = new AtomicLong();
  private final AtomicLong lastReportNs = new AtomicLong();

  RampMetrics(TremorUrl url, long intervalS, Consumer<Event> metricsInput) {
    this.ramp = Value.of(url.toString());
    this.intervalNs =
        intervalS > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : intervalS * 1_000_000_000L;
    this.metricsInput = metricsInput;
  }

  /**
   * The metrics of a ramp with {@code intervalS} ({@code null}: off, so null), named {@code url}:
   * the URL it was first linked by, port included ({@code /onramp/in/01/out}), as Tremor names it.
   */
  static RampMetrics of(Long intervalS, TremorUrl url, Consumer<Event> metricsInput) {
    return intervalS == null || intervalS < 0
        ? null
        : new RampMetrics(url, intervalS, metricsInput);
  }

  /**
   * Reports if an event ingested at {@code ingestNs} is due one; call before counting it.
   *
   * <p>One difference from Tremor: with an interval of 0, an event stamped exactly like the last
   * report does not report again. A report's own events carry its timestamp, so an offramp with
   * {@code metrics_interval_s: 0} that receives {@code system::metrics} would otherwise report on
   * its own reports forever (Tremor floods its metrics channel there).
   */
  void reportIfDue(long ingestNs) {
    long last = lastReportNs.get();
    long next = last + intervalNs < last ? Long.MAX_VALUE : last + intervalNs;
    if (Long.compareUnsigned(ingestNs, next) >= 0
        && !(intervalNs == 0 && ingestNs == last)
        && lastReportNs.compareAndSet(last, ingestNs)) {
      metricsInput.accept(event("in", in.get(), ingestNs));
      metricsInput.accept(event("out", out.get(), ingestNs));
      metricsInput.accept(event("error", error.get(), ingestNs));
    }
  }

  void countIn() {
    in.incrementAndGet();
  }

  void countOut() {
    out.incrementAndGet();
  }

  void countError() {
    error.incrementAndGet();
  }

  private Event event(String port, long count, long ns) {
    Value tags = Value.obj("ramp", ramp, "port", Value.of(port));
    return MetricEvents.event(MetricEvents.influx("ramp_events", tags, count, ns), ns);
  }
}
