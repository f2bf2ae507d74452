package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Artefact;
import io.quiver.spi.Decoded;
import io.quiver.spi.EpochClock;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.Signal;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running onramp: turns the raw bytes its {@link Source} receives into events (per-stream
 * preprocessors, codec, ids) and sends them out of its ports; hands replies back to the source.
 *
 * <p>Event ids follow Tremor 0.11 (src/source.rs): {@code uid:0:n}, one counter per onramp over all
 * its connections, counting error events too.
 */
final class OnrampInstance implements SourceContext {
  private static final Logger LOG = LoggerFactory.getLogger(OnrampInstance.class);

  /** How many hops a stream-end signal may travel through pipelines. */
  static final int SIGNAL_HOPS = 16;

  private final TremorUrl url;
  private final long uid;
  private final Artefact artefact;
  private final Source source;
  private final RampCodecs codecs;
  private final PortTable outputs = new PortTable();
  private final AtomicLong streamCounter = new AtomicLong();
  private final Map<Long, StreamState> streams = new ConcurrentHashMap<>();
  private final LogThrottle errorLog = new LogThrottle(LogThrottle.TEN_SECONDS);

  /** Builds and sends this onramp's events (ids, err events, metrics). */
  private final OnrampEvents events;

  private boolean transactional;

  /** A circuit breaker downstream broke: every stream stays paused until it is restored. */
  private volatile boolean triggered;

  private boolean stopped;

  /** Started and not stopping: what readiness asks (set by the control thread, read by probes). */
  private volatile boolean serving;

  /** Replies received on {@code in}, handed to the source. */
  private final OnrampReplies replies;

  OnrampInstance(TremorUrl url, long uid, Artefact artefact, Source source, RampCodecs codecs) {
    this.url = url;
    this.uid = uid;
    this.artefact = artefact;
    this.source = source;
    this.codecs = codecs;
    this.events = new OnrampEvents(url, uid, outputs, errorLog);
    this.replies = new OnrampReplies(url, uid, artefact, source);
  }

  TremorUrl url() {
    return url;
  }

  long uid() {
    return uid;
  }

  PortTable outputs() {
    return outputs;
  }

  /** Reports this onramp's metrics through {@code m}; called while linking, before start. */
  void reportMetrics(RampMetrics m) {
    events.reportMetrics(m);
  }

  Source source() {
    return source;
  }

  void start() throws Exception {
    transactional = source.transactional();
    events.transit(transactional ? Transit.NONE.withTransactional(true) : Transit.NONE);
    source.start(this);
    serving = true;
  }

  /** Whether the source started and has not been told to stop (the readiness probe's question). */
  boolean serving() {
    return serving;
  }

  /**
   * Shutdown, first step: no new connections or data. A linked onramp stays open for the replies to
   * what it took; any other is stopped now, as nothing comes back to it.
   */
  void stopAccepting() {
    serving = false;
    if (artefact.linked()) {
      source.stopAccepting();
    } else {
      stop();
    }
  }

  void stop() {
    serving = false;
    if (!stopped) {
      stopped = true;
      source.stop();
    }
  }

  // ---- SourceContext ----

  @Override
  public Artefact artefact() {
    return artefact;
  }

  @Override
  public long openStream(FlowControl flow) {
    return openStream(flow, null);
  }

  @Override
  public long openStream(FlowControl flow, String contentType) {
    long id = streamCounter.incrementAndGet();
    StreamState state =
        new StreamState(codecs.deserializer(contentType), flow == null ? FlowControl.NONE : flow);
    streams.put(id, state);
    if (triggered) {
      updateFlow(state);
    }
    return id;
  }

  @Override
  public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
    receiveCounting(stream, data, meta, endOfMessage, false);
  }

  @Override
  public void receiveUtf8(long stream, byte[] data, Value meta, boolean endOfMessage) {
    receiveCounting(stream, data, meta, endOfMessage, true);
  }

  @Override
  public int receiveMessage(long stream, byte[] data, Value meta) {
    return receiveCounting(stream, data, meta, true, false);
  }

  /**
   * @param utf8 the source checked {@code data} to be strict UTF-8 (the codec need not again)
   */
  private int receiveCounting(
      long stream, byte[] data, Value meta, boolean endOfMessage, boolean utf8) {
    StreamState state = streams.get(stream);
    if (state == null) {
      LOG.debug("[Source::{}] data for unknown stream {} ignored", url, stream);
      return 0;
    }
    long ingestNs = EpochClock.nowNs();
    StreamSink sink = state.sink;
    if (sink == null || sink.busy) {
      sink = new StreamSink(events); // the first message, or one received while another is sent
      if (state.sink == null) {
        state.sink = sink;
      }
    }
    sink.start(stream, meta, ingestNs);
    try {
      state.deserializer.deserialize(data, ingestNs, endOfMessage, utf8, sink);
    } catch (Throwable t) {
      if (sink.sending) {
        throw t; // sending the event failed, not decoding: not an error event
      }
      sink.failed(contained(t).message());
    } finally {
      sink.busy = false;
    }
    applyBackpressure(state);
    return sink.count;
  }

  @Override
  public void closeStream(long stream) {
    StreamState state = streams.remove(stream);
    if (state == null) {
      return;
    }
    long ingestNs = EpochClock.nowNs();
    List<Decoded> decoded = new ArrayList<>(1);
    try {
      state.deserializer.finish(ingestNs, decoded);
    } catch (Throwable t) {
      decoded.add(contained(t));
    }
    if (!decoded.isEmpty()) {
      events.transmit(stream, decoded, Value.EMPTY_OBJECT, ingestNs);
    }
    outputs.signalAll(new Signal.StreamEnded(uid, stream), SIGNAL_HOPS);
  }

  @Override
  public Serializer newReplySerializer() {
    return codecs.serializer(null);
  }

  @Override
  public Serializer newReplySerializer(String contentType) {
    return codecs.serializer(contentType);
  }

  /** Number of open streams (connections): for tests and metrics. */
  int openStreams() {
    return streams.size();
  }

  /**
   * Decoding threw (a bug, or the JVM out of stack or heap): the data becomes an error event like
   * any undecodable input, and the connection and the onramp go on. Logged at ERROR, rate-limited.
   */
  private Decoded.Failed contained(Throwable t) {
    String message = "internal error decoding the event: " + t;
    try {
      long heldBack = errorLog.admit(t.getClass().getName());
      if (heldBack >= 0) {
        LOG.error("[Source::{}] {}{}", url, message, errorLog.heldBackNote(heldBack), t);
      }
    } catch (Throwable again) {
      // logging failed too (out of memory): the error event still goes out
    }
    return new Decoded.Failed(message);
  }

  /** Pauses the stream while a pipeline it feeds is overloaded; resumes it once that drained. */
  private void applyBackpressure(StreamState state) {
    PipelineRunner busy = outputs.overloadedPipeline(Ports.OUT);
    if (busy == null) {
      return;
    }
    synchronized (state) {
      if (state.paused) {
        return;
      }
      state.paused = true;
      updateFlow(state);
    }
    busy.whenDrained(
        () -> {
          synchronized (state) {
            state.paused = false;
            updateFlow(state);
          }
        });
  }

  /**
   * A sink holds back {@code stream} (its queue for this origin is full): the stream is not read
   * until every hold is released. Unknown (closed) streams are ignored.
   *
   * @return whether the stream will slow down: it is open and its source can pause it
   */
  boolean holdStream(long stream) {
    StreamState state = streams.get(stream);
    if (state == null) {
      return false;
    }
    synchronized (state) {
      state.heldBySinks++;
      updateFlow(state);
    }
    return state.flow != FlowControl.NONE;
  }

  /** Releases one {@link #holdStream} of {@code stream}. */
  void releaseStream(long stream) {
    StreamState state = streams.get(stream);
    if (state != null) {
      synchronized (state) {
        state.heldBySinks--;
        updateFlow(state);
      }
    }
  }

  /**
   * Pauses or resumes the stream's flow so it is paused exactly while overloaded, held or
   * triggered.
   */
  private void updateFlow(StreamState state) {
    synchronized (state) {
      boolean pause = state.paused || state.heldBySinks > 0 || triggered;
      if (pause != state.flowPaused) {
        state.flowPaused = pause;
        if (pause) {
          state.flow.pause();
        } else {
          state.flow.resume();
        }
      }
    }
  }

  /**
   * An insight from a pipeline this onramp feeds (Tremor's {@code onramp::Msg::Cb}): a circuit
   * break pauses every stream until a restore; acks and fails reach a transactional source with the
   * highest (ack) or lowest (fail) of its event ids the insight covers.
   */
  void onInsight(Insight insight) {
    switch (insight.kind()) {
      case CIRCUIT_BROKEN, CIRCUIT_RESTORED -> {
        boolean trigger = insight.kind() == Insight.Kind.CIRCUIT_BROKEN;
        synchronized (this) {
          if (triggered == trigger) {
            return;
          }
          triggered = trigger;
          LOG.debug(
              "[Source::{}] circuit breaker {}",
              url,
              trigger ? "triggered: pausing" : "restored: resuming");
          streams.values().forEach(this::updateFlow);
        }
        if (trigger) {
          source.circuitBroken();
        } else {
          source.circuitRestored();
        }
      }
      case ACK -> {
        if (transactional) {
          long n = insight.transit().maxBySource(insight.id(), uid);
          if (n >= 0) {
            source.ack(new EventId(uid, 0, n));
          }
        }
      }
      case FAIL -> {
        if (transactional) {
          long n = insight.transit().minBySource(insight.id(), uid);
          if (n >= 0) {
            source.fail(new EventId(uid, 0, n));
          }
        }
      }
      case NONE -> {}
    }
  }

  /** The next event number of this onramp (a fused pass-through's request). */
  long nextEventNumber() {
    return events.nextNumber();
  }

  /** Counts a reply a fused pass-through handed to the source itself. */
  void countFusedReply() {
    replies.countFused();
  }

  /** Events received on {@code in} so far. */
  long repliesReceived() {
    return replies.received();
  }

  /** An event arrived on this onramp's {@code in} port: a reply for one of its streams. */
  void reply(Event event) {
    replies.reply(event);
  }
}
