package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link UpstreamSession} on Netty's embedded channels, with time under the test's control: the
 * session's loop is that of {@link #home} (time frozen, advanced by {@link #advance}), and every
 * connection it dials is a new {@link EmbeddedChannel} carrying the session's real handlers (frames
 * out, replies and the lifecycle in), connected when the test says so.
 */
final class SessionHarness {
  static final String URL = "ws://127.0.0.1:1/";

  final EmbeddedChannel home = new EmbeddedChannel();
  final RecordingSinkContext context;
  final WsOfframpSettings settings;
  final WsMetrics metrics = new WsMetrics();
  final UpstreamSession session;

  /** The channel of every connection attempt, and the promise the test completes. */
  final List<EmbeddedChannel> upstreams = new ArrayList<>();

  final List<ChannelPromise> attempts = new ArrayList<>();

  /** Every error and reply the session emitted so far, in order. */
  final List<RecordingSinkContext.Emitted> answers = new ArrayList<>();

  final List<Insight> insights = new ArrayList<>();

  /** Run before each emit of the session (to look at its state while it answers). */
  volatile Runnable onEmit = () -> {};

  SessionHarness(SessionKey key, boolean linked, Object... config) {
    home.freezeTime();
    settings = TestSettings.offramp(URL, config);
    context = new RecordingSinkContext(linked);
    SinkContext observed = new Observed();
    OfframpAnswers out = new OfframpAnswers(observed, new DroppedReplies("test", metrics));
    session =
        new UpstreamSession(
            key,
            settings.url(),
            settings,
            home.eventLoop(),
            out,
            observed,
            metrics,
            s -> () -> dial(s));
  }

  /** A linked session shared by every client of the configured url. */
  static SessionHarness shared(Object... config) {
    return new SessionHarness(SessionKey.shared(URL), true, config);
  }

  /** A linked session of client stream 7 of source 1. */
  static SessionHarness perClient(Object... config) {
    return new SessionHarness(SessionKey.perClient(1, 7, URL), true, config);
  }

  /** The recording context, with {@link #onEmit} before each emit. */
  private final class Observed implements SinkContext {
    @Override
    public Artefact artefact() {
      return context.artefact();
    }

    @Override
    public void emit(String port, Event event) {
      onEmit.run();
      context.emit(port, event);
    }

    @Override
    public void insight(Insight insight) {
      context.insight(insight);
    }

    @Override
    public boolean holdOrigin(Event event) {
      return context.holdOrigin(event);
    }

    @Override
    public void releaseOrigin(Event event) {
      context.releaseOrigin(event);
    }

    @Override
    public Serializer newSerializer() {
      return context.newSerializer();
    }

    @Override
    public Deserializer newDeserializer() {
      return context.newDeserializer();
    }
  }

  private ChannelFuture dial(UpstreamSession s) {
    EmbeddedChannel up =
        new EmbeddedChannel(
            new OutboundFrames(),
            new UpstreamMessageHandler(s),
            new UpstreamLifecycleHandler(s.connection(), settings));
    ChannelPromise attempt = up.newPromise();
    upstreams.add(up);
    attempts.add(attempt);
    return attempt;
  }

  /** Transactional event {@code n} of client stream 7 of source 1, with data {@code "e<n>"}. */
  static Event event(long n) {
    return new Event(new EventId(1, 0, n), 0, Value.of("e" + n), Value.obj(), 7)
        .withTransit(Transit.NONE.withTransactional(true));
  }

  EmbeddedChannel upstream() {
    return upstreams.getLast();
  }

  /** The last attempt's TCP connect and websocket handshake succeed. */
  void open() {
    attempts.getLast().setSuccess();
    session.connection().onHandshakeComplete(upstream());
  }

  /** The payloads (text, without the lines postprocessor's newline) sent on {@code up} so far. */
  static List<String> sent(EmbeddedChannel up) {
    up.runPendingTasks(); // the end of the loop turn: OutboundFrames writes
    List<String> out = new ArrayList<>();
    ByteBuf buf;
    while ((buf = up.readOutbound()) != null) {
      while (buf.isReadable()) {
        buf.readByte(); // FIN and opcode
        int length = buf.readByte() & 0x7f; // masked: a client's frames; short payloads only
        byte[] mask = new byte[4];
        buf.readBytes(mask);
        byte[] payload = new byte[length];
        buf.readBytes(payload);
        for (int i = 0; i < length; i++) {
          payload[i] ^= mask[i % 4];
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        out.add(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
      }
      buf.release();
    }
    return out;
  }

  /** The upstream answers with one text message (a line). */
  static void reply(EmbeddedChannel up, String text) {
    up.writeInbound(new TextWebSocketFrame(text + "\n"));
  }

  /** The upstream closes with {@code code}: its close frame, then the end of the connection. */
  static void closeByServer(EmbeddedChannel up, int code) {
    up.writeInbound(new CloseWebSocketFrame(code, "bye"));
    up.runPendingTasks();
    up.close();
  }

  /** Runs the tasks other threads would have queued on the session's loop. */
  void runTasks() {
    home.runPendingTasks();
    collect();
  }

  /** Lets {@code ms} pass on the session's loop and runs what became due. */
  void advance(long ms) {
    home.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    home.runScheduledPendingTasks();
    runTasks();
  }

  /** Moves what the session emitted so far into {@link #answers} and {@link #insights}. */
  List<RecordingSinkContext.Emitted> collect() {
    context.emitted.drainTo(answers);
    context.insights.drainTo(insights);
    return answers;
  }

  /** The one answer of event {@code n}: fails unless there is exactly one. */
  RecordingSinkContext.Emitted answerOf(long n) {
    collect();
    List<RecordingSinkContext.Emitted> of =
        answers.stream().filter(e -> e.event().id().event() == n).toList();
    assertThat(of).as("answers of event %d", n).hasSize(1);
    return of.getFirst();
  }

  /** Every event of {@code ns} has exactly one answer, and nothing else was answered. */
  void assertAnsweredOnce(long... ns) {
    collect();
    for (long n : ns) {
      answerOf(n);
    }
    assertThat(answers).as("answers").hasSize(ns.length);
  }

  /** The error text of event {@code n}'s one answer (which must be an error). */
  String errorOf(long n) {
    RecordingSinkContext.Emitted answer = answerOf(n);
    assertThat(answer.port()).isEqualTo(Ports.ERR);
    return ((Value.Str) ((Value.Obj) answer.event().data()).fields().get("error")).value();
  }

  /** The kinds of the insights about event {@code n} (ack, fail), in order. */
  List<Insight.Kind> insightsOf(long n) {
    collect();
    return insights.stream()
        .filter(i -> i.id() != null && i.id().event() == n)
        .map(Insight::kind)
        .toList();
  }

  /** The kinds of the circuit insights, in order. */
  List<Insight.Kind> circuit() {
    collect();
    return insights.stream()
        .map(Insight::kind)
        .filter(k -> k != Insight.Kind.ACK && k != Insight.Kind.FAIL)
        .toList();
  }
}
