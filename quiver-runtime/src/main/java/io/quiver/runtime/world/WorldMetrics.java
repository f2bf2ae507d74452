package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.metrics.MetricsReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the counters of a running world's instances into a {@link MetricsReport} (a Prometheus
 * scrape): events sent out of and received on every port, errors, pipeline queue depths and
 * latencies, open streams, and what each source and sink reports of itself ({@link
 * MetricsReport.Reporter}). Every sample carries the labels {@code kind} ({@code onramp}, {@code
 * pipeline}, {@code offramp}), {@code artefact} and {@code instance} of the instance it belongs to.
 *
 * <p>Runs on the scraping thread; reads the counters as they are, without stopping anything.
 */
final class WorldMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(WorldMetrics.class);
  private static final LogThrottle FAILURES = new LogThrottle(LogThrottle.TEN_SECONDS);
  static final String SENT = "quiver_events_sent";
  static final String RECEIVED = "quiver_events_received";
  static final String PIPELINE_ERRORS = "quiver_pipeline_errors";
  static final String OFFRAMP_ERRORS = "quiver_offramp_errors";
  static final String QUEUE_DEPTH = "quiver_pipeline_queue_depth";
  static final String LATENCY = "quiver_pipeline_latency_seconds";
  static final String STREAMS = "quiver_onramp_streams";

  private static final String SENT_HELP =
      "Events sent out of a port of an onramp, pipeline or offramp instance (to at least one link)";
  private static final String RECEIVED_HELP =
      "Events received on a port of an onramp (replies), pipeline or offramp instance";

  private WorldMetrics() {}

  static void report(Instances instances, MetricsReport out) {
    for (OnrampInstance o : instances.onramps.values()) {
      MetricsReport r = out.withLabels(labels(o.url()));
      sent(o.outputs(), r);
      if (o.artefact().linked()) {
        r.counter(RECEIVED, RECEIVED_HELP, o.repliesReceived(), "port", Ports.IN);
      }
      r.gauge(
          STREAMS,
          "Streams an onramp instance has open now (for connection-oriented onramps: connections)",
          o.openStreams());
      if (o.source() instanceof MetricsReport.Reporter own) {
        reportOwn(o.url(), own, r);
      }
    }
    for (PipelineRunner p : instances.pipelines.values()) {
      MetricsReport r = out.withLabels(labels(p.url()));
      p.received().forEach((port, n) -> r.counter(RECEIVED, RECEIVED_HELP, n.sum(), "port", port));
      sent(p.outputs(), r);
      r.counter(
          PIPELINE_ERRORS,
          "Events that died in a pipeline instance of an error its query does not handle",
          p.errors());
      r.gauge(
          QUEUE_DEPTH,
          "Events, signals and insights queued for (or running in) a pipeline instance now",
          p.queueDepth());
      r.histogram(
          LATENCY,
          "Time a pipeline instance took to run an event and hand its results on, one event in "
              + PipelineRunner.LATENCY_SAMPLE_EVERY
              + " sampled",
          p.latency().snapshot());
    }
    for (OfframpInstance o : instances.offramps.values()) {
      MetricsReport r = out.withLabels(labels(o.url()));
      r.counter(RECEIVED, RECEIVED_HELP, o.received(), "port", Ports.IN);
      sent(o.outputs(), r);
      r.counter(
          OFFRAMP_ERRORS, "Events an offramp instance's sink refused with an error", o.errors());
      if (o.sink() instanceof MetricsReport.Reporter own) {
        reportOwn(o.url(), own, r);
      }
    }
  }

  /**
   * A connector's own metrics; one that fails to report (a bug) loses its samples from this scrape
   * only, logged once per 10 s, and every other instance is still reported.
   */
  private static void reportOwn(TremorUrl url, MetricsReport.Reporter own, MetricsReport r) {
    try {
      own.reportMetrics(r);
    } catch (RuntimeException e) {
      long heldBack = FAILURES.admit(url.toString());
      if (heldBack >= 0) {
        LOG.warn(
            "{}: cannot report its metrics{}: {}",
            url,
            FAILURES.heldBackNote(heldBack),
            e.toString());
      }
    }
  }

  private static void sent(PortTable ports, MetricsReport r) {
    ports.forEachSent((port, n) -> r.counter(SENT, SENT_HELP, n, "port", port));
  }

  private static String[] labels(TremorUrl url) {
    return new String[] {
      "kind",
      url.type().word(),
      "artefact",
      url.artefact(),
      "instance",
      url.instance() == null ? "" : url.instance()
    };
  }
}
