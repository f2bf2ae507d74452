package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Decoded;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an onramp's events and sends them out of its ports: what decoded to {@code out}, what did
 * not to {@code err} as {@code {"error", "event_id", "source_id"}}, each with the next id of the
 * onramp ({@code uid:0:n}, one counter over all its connections, counting error events too, as
 * Tremor 0.11's src/source.rs), counted into the {@code ramp_events} metrics when linked.
 */
final class OnrampEvents {
  /** The onramp's logger: its error lines read as before this class was split out of it. */
  private static final Logger LOG = LoggerFactory.getLogger(OnrampInstance.class);

  private final TremorUrl url;
  private final long uid;
  private final PortTable outputs;
  private final LogThrottle errorLog;
  private final AtomicLong eventCounter = new AtomicLong();
  private final Value errSourceId;

  /** What the events carry: transactional when the source wants acks and fails; set at start. */
  private Transit transit = Transit.NONE;

  /** The {@code ramp_events} metrics ({@code metrics_interval_s}), or null; set before start. */
  private RampMetrics metrics;

  /**
   * @param errorLog the onramp's throttle for error lines (shared with its other error lines)
   */
  OnrampEvents(TremorUrl url, long uid, PortTable outputs, LogThrottle errorLog) {
    this.url = url;
    this.uid = uid;
    this.outputs = outputs;
    this.errorLog = errorLog;
    this.errSourceId = Value.of(url.withPort(Ports.IN).toString());
  }

  /** Takes the next event number (for a fused pass-through's request, which has no event). */
  long nextNumber() {
    return eventCounter.getAndIncrement();
  }

  void transit(Transit transit) {
    this.transit = transit;
  }

  void reportMetrics(RampMetrics m) {
    this.metrics = m;
  }

  void transmit(long stream, List<Decoded> decoded, Value meta, long ingestNs) {
    for (Decoded d : decoded) {
      switch (d) {
        // a preprocessor (ingest-ns) may have set the event's ingest time
        case Decoded.Ok ok -> sendOk(stream, ok.value(), ok.ingestNs().orElse(ingestNs), meta);
        case Decoded.Failed failed -> sendFailed(stream, failed.message(), ingestNs);
      }
    }
  }

  void sendOk(long stream, Value value, long ingestNs, Value meta) {
    long n = eventCounter.getAndIncrement();
    if (metrics != null) {
      countSent(Ports.OUT, ingestNs);
    }
    outputs.send(
        Ports.OUT, new Event(new EventId(uid, 0, n), ingestNs, value, meta, stream, transit));
  }

  void sendFailed(long stream, String message, long ingestNs) {
    long n = eventCounter.getAndIncrement();
    if (metrics != null) {
      countSent(Ports.ERR, ingestNs);
    }
    logDecodeError(message);
    Value data =
        Value.obj(
            "error", Value.of(message),
            "event_id", Value.of(n),
            "source_id", errSourceId);
    Value errMeta = Value.obj("error", Value.of(message));
    outputs.send(
        Ports.ERR, new Event(new EventId(uid, 0, n), ingestNs, data, errMeta, stream, transit));
  }

  /**
   * Tremor's line for undecodable input (src/source.rs logs it at error level for every event),
   * once per 10 s here with the count held back, so a flood of bad input cannot swamp the log; the
   * error event itself still goes out of {@code err} every time.
   */
  private void logDecodeError(String message) {
    long heldBack = errorLog.admit("decode");
    if (heldBack >= 0) {
      LOG.error(
          "[Source::{}] Error decoding event data: {}{}",
          url,
          message,
          errorLog.heldBackNote(heldBack));
    } else {
      LOG.debug("[Source::{}] Error decoding event data: {}", url, message);
    }
  }

  /** As Tremor's source: only what goes to a linked port is counted, after a due report. */
  private void countSent(String port, long ingestNs) {
    if (outputs.isConnected(port)) {
      metrics.reportIfDue(ingestNs);
      if (port.equals(Ports.ERR)) {
        metrics.countError();
      } else {
        metrics.countOut();
      }
    }
  }
}
