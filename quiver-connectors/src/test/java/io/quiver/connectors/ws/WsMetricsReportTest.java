package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.quiver.connectors.net.RecordedMetrics;
import org.junit.jupiter.api.Test;

/** {@link WsMetrics#report} and the close codes {@link CloseFrameCheck} counts. */
class WsMetricsReportTest {

  @Test
  void anOnrampReportsItsConnectionsClosesAndClientSideCounters() {
    WsMetrics m = new WsMetrics();
    m.connectionOpened();
    m.connectionOpened();
    m.connectionClosed();
    m.closeCode(1000);
    m.closeCode(1000);
    m.closeCode(1008);
    m.idleTimeout();
    m.replyTimedOut(); // an offramp counter: not reported for an onramp
    RecordedMetrics r = new RecordedMetrics();

    m.report(r, WsMetrics.Side.ONRAMP);

    assertThat(r.samples)
        .containsEntry("quiver_connections_open{protocol=ws}", 1.0)
        .containsEntry("quiver_connections_opened{protocol=ws}", 2.0)
        .containsEntry("quiver_ws_close_frames{code=1000}", 2.0)
        .containsEntry("quiver_ws_close_frames{code=1008}", 1.0)
        .containsEntry("quiver_ws_idle_timeouts{}", 1.0)
        .doesNotContainKey("quiver_reply_timeouts{}")
        .doesNotContainKey("quiver_upstream_reconnects{}");
  }

  @Test
  void anOfframpReportsReconnectsAndReplyTimeouts() {
    WsMetrics m = new WsMetrics();
    m.reconnect();
    m.reconnect();
    m.connectFailed();
    m.replyTimedOut();
    RecordedMetrics r = new RecordedMetrics();

    m.report(r, WsMetrics.Side.OFFRAMP);

    assertThat(r.samples)
        .containsEntry("quiver_upstream_reconnects{}", 2.0)
        .containsEntry("quiver_upstream_connect_failures{}", 1.0)
        .containsEntry("quiver_reply_timeouts{}", 1.0)
        .doesNotContainKey("quiver_ws_idle_timeouts{}");
  }

  @Test
  void aClientsCloseFrameIsCountedOnceByItsCode() {
    WsMetrics m = new WsMetrics();
    EmbeddedChannel ch = new EmbeddedChannel(new CloseFrameCheck(m));

    ch.writeInbound(new CloseWebSocketFrame(1001, "bye"));
    ch.writeInbound(new CloseWebSocketFrame(1001, "again"));

    assertThat(m.snapshot().closesByCode()).containsExactlyEntriesOf(java.util.Map.of(1001, 1L));
    ch.finishAndReleaseAll();
  }

  @Test
  void aCloseFrameWithoutACodeCountsAs1005() {
    WsMetrics m = new WsMetrics();
    EmbeddedChannel ch = new EmbeddedChannel(new CloseFrameCheck(m));

    ch.writeInbound(new CloseWebSocketFrame(true, 0, io.netty.buffer.Unpooled.EMPTY_BUFFER));

    assertThat(m.snapshot().closesByCode()).containsExactlyEntriesOf(java.util.Map.of(1005, 1L));
    ch.finishAndReleaseAll();
  }

  @Test
  void theClientsAnswerToOurCloseIsNotCountedAgain() {
    WsMetrics m = new WsMetrics();
    EmbeddedChannel ch = new EmbeddedChannel(new CloseFrameCheck(m));
    m.closeCode(1001); // as Closer counts the close it sends
    ch.writeOutbound(new CloseWebSocketFrame(1001, "going away"));

    ch.writeInbound(new CloseWebSocketFrame(1001, "going away"));

    assertThat(m.snapshot().closesByCode()).containsExactlyEntriesOf(java.util.Map.of(1001, 1L));
    ch.finishAndReleaseAll();
  }
}
