package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.spi.Insight;
import io.quiver.value.Value;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection's part of the state machine, with the test's clock and channels. */
class UpstreamConnectionTest {
  private final EmbeddedChannel home = new EmbeddedChannel();
  private final RecordingSinkContext context = new RecordingSinkContext(true);
  private final WsMetrics metrics = new WsMetrics();
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<ChannelPromise> attempts = new ArrayList<>();
  private final List<String> told = new ArrayList<>();
  private boolean dialThrows;

  private UpstreamConnection connection(boolean reportsCircuit, Object... config) {
    home.freezeTime();
    Object[] all = new Object[config.length + 4];
    all[0] = "connect_timeout_ms";
    all[1] = 1_000;
    all[2] = "reconnect";
    all[3] = Value.obj("interval_ms", Value.of(100), "jitter", Value.of(0.0));
    System.arraycopy(config, 0, all, 4, config.length);
    WsOfframpSettings settings = TestSettings.offramp(SessionHarness.URL, all);
    return new UpstreamConnection(
        settings.url(),
        settings,
        home.eventLoop(),
        () -> {
          if (dialThrows) {
            throw new IllegalStateException("no tls context");
          }
          EmbeddedChannel ch = new EmbeddedChannel(new OutboundFrames());
          channels.add(ch);
          ChannelPromise attempt = ch.newPromise();
          attempts.add(attempt);
          return attempt;
        },
        new UpstreamConnection.Listener() {
          @Override
          public void opened(Channel ch) {
            told.add("opened");
          }

          @Override
          public void connectFailed(String cause) {
            told.add("connectFailed: " + cause);
          }

          @Override
          public void lost(String cause) {
            told.add("lost: " + cause);
          }
        },
        new OfframpAnswers(context, new DroppedReplies("test", metrics)),
        metrics,
        reportsCircuit);
  }

  private void advance(long ms) {
    home.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    home.runScheduledPendingTasks();
  }

  private List<Insight.Kind> circuit() {
    List<Insight> insights = new ArrayList<>();
    context.insights.drainTo(insights);
    return insights.stream().map(Insight::kind).toList();
  }

  @Test
  void idleConnectingOpenLostAndBackAfterTheBackoff() {
    UpstreamConnection c = connection(true);
    assertThat(c.state()).isEqualTo(SessionState.IDLE);
    assertThat(c.mayConnectNow()).isTrue();

    c.connect();
    assertThat(c.state()).isEqualTo(SessionState.CONNECTING);
    attempts.getLast().setSuccess();
    assertThat(c.state()).as("TCP alone does not open it").isEqualTo(SessionState.CONNECTING);
    c.onHandshakeComplete(channels.getLast());
    assertThat(c.state()).isEqualTo(SessionState.OPEN);
    assertThat(c.outbound()).isSameAs(OutboundFrames.of(channels.getLast()));

    c.onCloseFrame(channels.getLast(), 1001);
    c.onInactive(channels.getLast());
    assertThat(c.state()).isEqualTo(SessionState.IDLE);
    assertThat(c.channel()).isNull();
    assertThat(told).containsExactly("opened", "lost: Connection closed by server (code 1001)");
    assertThat(c.mayConnectNow()).as("within the backoff").isFalse();
    assertThat(circuit())
        .containsExactly(Insight.Kind.CIRCUIT_RESTORED, Insight.Kind.CIRCUIT_BROKEN);

    advance(100);
    assertThat(c.state()).isEqualTo(SessionState.CONNECTING);
    assertThat(metrics.snapshot().reconnects()).isEqualTo(1);
  }

  @Test
  void aFailureTextWinsOverTheCloseCodeAndTheResetDefault() {
    UpstreamConnection c = connection(false);
    c.connect();
    attempts.getLast().setSuccess();
    c.onHandshakeComplete(channels.getLast());
    c.onFailure(channels.getLast(), "pong timeout");
    c.onFailure(channels.getLast(), "later text is not kept");
    c.onInactive(channels.getLast());
    assertThat(told).containsExactly("opened", "lost: pong timeout");
    assertThat(circuit()).as("this connection reports no circuit").isEmpty();
  }

  @Test
  void aRefusedAttemptAndAThrowingDialerAreFailedAttempts() {
    UpstreamConnection c = connection(false);
    c.connect();
    attempts.getLast().setFailure(new ConnectException("Connection refused: x"));
    assertThat(c.state()).isEqualTo(SessionState.IDLE);
    assertThat(channels.getLast().isOpen()).isFalse();

    dialThrows = true;
    advance(100); // the background attempt cannot even start
    assertThat(told)
        .containsExactly("connectFailed: Connection refused", "connectFailed: no tls context");
    assertThat(c.state()).isEqualTo(SessionState.IDLE);
    assertThat(metrics.snapshot().connectFailures()).isEqualTo(2);
  }

  @Test
  void theHandshakeMustCompleteWithinTheConnectTimeout() {
    UpstreamConnection c = connection(false);
    c.connect();
    attempts.getLast().setSuccess();
    advance(1_000);
    assertThat(told).containsExactly("connectFailed: connection timed out after 1000 ms");
    c.onHandshakeComplete(channels.getLast()); // too late: the attempt is gone
    assertThat(c.state()).isEqualTo(SessionState.IDLE);
  }

  @Test
  void aChannelClosingDuringTheHandshakeFailsTheAttempt() {
    UpstreamConnection c = connection(false);
    c.connect();
    attempts.getLast().setSuccess();
    c.onInactive(channels.getLast());
    assertThat(told)
        .containsExactly("connectFailed: connection closed during the websocket handshake");
  }

  @Test
  void backgroundRetriesStopAfterMaxRetriesButAnEventMayTryAtOnce() {
    UpstreamConnection c =
        connection(
            false,
            "reconnect",
            Value.obj(
                "interval_ms", Value.of(100), "jitter", Value.of(0.0), "max_retries", Value.of(2)));
    c.connect();
    attempts.getLast().setFailure(new ConnectException("Connection refused"));
    advance(100);
    attempts.getLast().setFailure(new ConnectException("Connection refused"));
    assertThat(c.mayConnectNow()).isTrue();
    advance(10_000);
    assertThat(attempts).hasSize(2);
  }

  @Test
  void retiringClosesTheChannelAndAllowsTheNextAttemptAtOnce() {
    UpstreamConnection c = connection(false);
    c.connect();
    attempts.getLast().setSuccess();
    c.onHandshakeComplete(channels.getLast());
    EmbeddedChannel first = channels.getLast();

    c.retire();

    assertThat(c.state()).isEqualTo(SessionState.IDLE);
    assertThat(first.isOpen()).isFalse();
    assertThat(c.mayConnectNow()).isTrue();
    c.onInactive(first); // the retired channel's end is no loss
    assertThat(told).containsExactly("opened");
  }

  @Test
  void drainingThenClosedOnceTheChannelIsGoneAndNoMoreAttempts() {
    UpstreamConnection c = connection(false);
    c.connect();
    attempts.getLast().setFailure(new ConnectException("Connection refused"));
    c.drain();
    assertThat(c.state()).isEqualTo(SessionState.DRAINING);
    assertThat(c.closed().isDone()).isFalse();
    c.close();
    assertThat(c.state()).isEqualTo(SessionState.CLOSED);
    assertThat(c.closed().isSuccess()).isTrue();
    advance(10_000);
    assertThat(attempts).as("the reconnect timer was cancelled").hasSize(1);
  }

  @Test
  void anIllegalTransitionIsCaught() {
    UpstreamConnection c = connection(false);
    c.drain();
    c.close();
    assertThatThrownBy(c::connect).isInstanceOf(AssertionError.class);
  }
}
