package io.quiver.connectors.bench;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.EpochClock;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what reaches it. After the warm-up every event is re-encoded with the offramp's codec
 * (its size is the "data" throughput) and its latency {@code now - ingest_ns} is recorded. At
 * {@code warmup + stop_after} the percentile distribution, {@code Throughput (data): X MB/s} and
 * {@code Throughput (events): X k events/s} are printed and the process exits with status 0.
 *
 * <p>Throughputs divide by the configured {@code stop_after_secs} (as Tremor does); MB are 1024².
 * Events may arrive from several pipeline threads; the (uncontended, in the usual one-pipeline
 * benchmark) monitor keeps the histogram and codec single-threaded.
 */
final class Blackhole implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(Blackhole.class);
  private static final long NS = 1_000_000_000L;

  /** Tremor's histogram bounds: 1 ns to 100 s. */
  private static final long MAX_LATENCY_NS = 100 * NS;

  private final Artefact artefact;
  private final BlackholeSettings settings;
  private final PrintStream out;
  private final IntConsumer exit;
  private final Histogram latencies;
  private Codec codec;
  private long warmupEnd;
  private long stopAt;
  private long bytes;
  private long events;
  private long encodeFailures;
  private boolean finished;
  private Thread timer;

  Blackhole(Artefact artefact, BlackholeSettings settings, PrintStream out, IntConsumer exit) {
    this.artefact = artefact;
    this.settings = settings;
    this.out = out;
    this.exit = exit;
    this.latencies = new Histogram(1, MAX_LATENCY_NS, settings.significantFigures());
  }

  @Override
  public synchronized void start(SinkContext context) {
    codec = context.newSerializer().codec();
    long now = System.nanoTime();
    warmupEnd = now + settings.warmupSecs() * NS;
    stopAt = warmupEnd + settings.stopAfterSecs() * NS;
    if (settings.stopAfterSecs() > 0) {
      timer =
          Thread.ofPlatform()
              .name("blackhole-" + artefact.id() + "-timer")
              .daemon(true)
              .start(this::finishOnTime);
    }
  }

  private void finishOnTime() {
    long left;
    while ((left = stopAt - System.nanoTime()) > 0) {
      try {
        Thread.sleep(left / 1_000_000 + 1);
      } catch (InterruptedException e) {
        return;
      }
    }
    finish();
  }

  @Override
  public void onEvent(Event event) {
    if (record(event)) {
      finish();
    }
  }

  /** Counts and times one event; true when the measurement is over. */
  private synchronized boolean record(Event event) {
    if (finished) {
      return false;
    }
    long now = System.nanoTime();
    if (settings.stopAfterSecs() > 0 && now - stopAt > 0) {
      return true;
    }
    if (now - warmupEnd < 0) {
      return false;
    }
    long latency = EpochClock.nowNs() - event.ingestNs();
    latencies.recordValue(Math.max(1, Math.min(MAX_LATENCY_NS, latency)));
    events++;
    try {
      bytes += codec.encode(event.data()).length;
    } catch (CodecException e) {
      if (encodeFailures++ == 0) {
        LOG.error("[Offramp::{}] failed to encode: {}", artefact.url(), e.getMessage());
      }
    }
    return false;
  }

  /** Prints the results and exits (once); never holds the monitor while exiting. */
  void finish() {
    String text;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      text = report();
    }
    out.print(text);
    out.flush();
    exit.accept(0);
  }

  /** The text printed at the end: the latency distribution (ns) and the two throughput lines. */
  synchronized String report() {
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    PrintStream p = new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
    latencies.outputPercentileDistribution(p, 2, 1.0);
    double secs = Math.max(1, settings.stopAfterSecs());
    p.printf(Locale.ROOT, "%n%nThroughput (data): %.1f MB/s%n", bytes / secs / (1024.0 * 1024.0));
    p.printf(Locale.ROOT, "Throughput (events): %.1f k events/s%n", events / secs / 1000.0);
    return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  synchronized long events() {
    return events;
  }

  synchronized long bytes() {
    return bytes;
  }

  @Override
  public void stop() {
    Thread t = timer;
    if (t != null) {
      t.interrupt();
    }
  }
}
