package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.EpochClock;
import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.Signal;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running offramp: feeds its {@link Sink} and routes what a linked sink emits. */
final class OfframpInstance implements SinkContext {
  private static final Logger LOG = LoggerFactory.getLogger(OfframpInstance.class);

  private final TremorUrl url;
  private final Artefact artefact;
  private final Sink sink;
  private final Supplier<Serializer> serializers;
  private final Supplier<Deserializer> deserializers;
  private final PortTable outputs = new PortTable();

  /** The pipelines feeding this offramp's {@code in}: where its insights go. */
  private final UpstreamTable inputs = new UpstreamTable();

  private final boolean autoAck;
  private final OriginFlow origins;
  private volatile boolean started;
  private volatile boolean droppedErrorLogged;

  /** Codecs by content type ({@link #newSerializer(String)}), or null; set before start. */
  private RampCodecs rampCodecs;

  /** The {@code ramp_events} metrics ({@code metrics_interval_s}), or null; set before start. */
  private RampMetrics metrics;

  /** Events received on {@code in}, and those of them the sink refused (threw). */
  private final LongAdder received = new LongAdder();

  private final LongAdder errors = new LongAdder();

  /** Whether the sink's circuit is broken, as it last reported (Tremor's {@code !is_active()}). */
  private volatile boolean circuitBroken;

  OfframpInstance(
      TremorUrl url,
      Artefact artefact,
      Sink sink,
      Supplier<Serializer> serializers,
      Supplier<Deserializer> deserializers,
      OriginFlow origins) {
    this.url = url;
    this.origins = origins;
    this.artefact = artefact;
    this.sink = sink;
    this.serializers = serializers;
    this.deserializers = deserializers;
    this.autoAck = sink.autoAck();
  }

  UpstreamTable inputs() {
    return inputs;
  }

  /** Lets the sink pick codecs by content type; called while linking, before start. */
  void useRampCodecs(RampCodecs codecs) {
    this.rampCodecs = codecs;
  }

  /** Reports this offramp's metrics through {@code m}; called while linking, before start. */
  void reportMetrics(RampMetrics m) {
    this.metrics = m;
  }

  /**
   * Tells the pipelines feeding this offramp that its circuit is restored, before it starts (Tremor
   * sends this initial insight when a pipeline connects; a sink that is not available yet breaks
   * the circuit again from its start). Circuit-aware operators such as {@code qos::wal} wait for
   * it.
   */
  void announceAvailable() {
    inputs.send(Insight.circuitRestored(EpochClock.nowNs()), UpstreamTable.HOPS);
  }

  TremorUrl url() {
    return url;
  }

  Sink sink() {
    return sink;
  }

  PortTable outputs() {
    return outputs;
  }

  void start() throws Exception {
    if (!started) {
      sink.start(this);
      started = true;
    }
  }

  boolean started() {
    return started;
  }

  /** Whether every event handed to the sink has been answered (see {@link Sink#drained}). */
  boolean drained() {
    return !started || sink.drained();
  }

  void stop() {
    if (started) {
      started = false;
      sink.stop();
    }
  }

  /** Counts an event a fused pass-through handed to the sink without the runtime. */
  void countFusedIn() {
    received.increment();
  }

  /** Events received on {@code in} so far. */
  long received() {
    return received.sum();
  }

  /** Events the sink refused (threw on) so far. */
  long errors() {
    return errors.sum();
  }

  void onEvent(Event event) {
    received.increment();
    RampMetrics m = metrics;
    if (m != null) {
      m.reportIfDue(event.ingestNs());
      m.countIn();
    }
    // Tremor's offramp: a failing sink fails the event, an auto-acking sink acks it once sent
    try {
      sink.onEvent(event);
    } catch (Throwable t) {
      errors.increment();
      if (m != null) {
        m.countError();
      }
      if (event.transactional()) {
        fail(event); // the pipeline sending it reports the error (PipelineRunner)
      }
      throw t;
    }
    if (m != null) {
      m.countOut();
    }
    if (autoAck && event.transactional()) {
      ack(event);
    }
  }

  void onSignal(Signal signal) {
    sink.onSignal(signal);
  }

  // ---- SinkContext ----

  @Override
  public Artefact artefact() {
    return artefact;
  }

  @Override
  public void emit(String port, Event event) {
    if (!outputs.send(port, event) && Ports.ERR.equals(port) && !droppedErrorLogged) {
      droppedErrorLogged = true;
      LOG.warn(
          "[Offramp::{}] error events are dropped because nothing is linked to {}: {}",
          url,
          url.withPort(Ports.ERR),
          event.data());
    }
  }

  @Override
  public boolean holdOrigin(Event event) {
    return origins.hold(event);
  }

  @Override
  public void releaseOrigin(Event event) {
    origins.release(event);
  }

  @Override
  public void insight(Insight insight) {
    if (insight.isCircuit()) {
      circuitBroken = insight.kind() == Insight.Kind.CIRCUIT_BROKEN; // before it is sent
    }
    inputs.send(insight, UpstreamTable.HOPS);
  }

  /**
   * Tells the inputs that the sink's circuit is broken, if it is: for inputs linked while it runs
   * (a binding activated later), which did not hear the break, as Tremor's offramp tells a pipeline
   * its state when it connects. A whole circuit is not announced: another offramp those inputs feed
   * may be why they are paused. A restore the sink reports meanwhile is sent again after the break,
   * so the inputs never stay paused after it.
   */
  void announceIfBroken() {
    if (!started || !circuitBroken) {
      return;
    }
    inputs.send(Insight.circuitBroken(EpochClock.nowNs()), UpstreamTable.HOPS);
    if (!circuitBroken) {
      inputs.send(Insight.circuitRestored(EpochClock.nowNs()), UpstreamTable.HOPS);
    }
  }

  @Override
  public Serializer newSerializer() {
    return serializers.get();
  }

  @Override
  public Deserializer newDeserializer() {
    return deserializers.get();
  }

  @Override
  public java.util.Optional<Serializer> newSerializer(String contentType) {
    RampCodecs c = rampCodecs;
    return c == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(c.serializer(contentType));
  }

  @Override
  public java.util.Optional<Deserializer> newDeserializer(String contentType) {
    RampCodecs c = rampCodecs;
    return c == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(c.deserializer(contentType));
  }
}
