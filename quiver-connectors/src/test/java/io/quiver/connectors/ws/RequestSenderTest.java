package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.spi.Insight;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One request out: encoded, checked, written, entered in the reply queue, or answered. */
class RequestSenderTest {
  private final EmbeddedChannel home = new EmbeddedChannel();
  private final EmbeddedChannel upstream = new EmbeddedChannel(new OutboundFrames());
  private final RecordingSinkContext context = new RecordingSinkContext(true);
  private final WsMetrics metrics = new WsMetrics();
  private ReplyQueue replies;
  private int rooms;

  private RequestSender sender(Object... config) {
    WsOfframpSettings settings = TestSettings.offramp(SessionHarness.URL, config);
    OfframpAnswers answers = new OfframpAnswers(context, new DroppedReplies("test", metrics));
    replies =
        new ReplyQueue(
            settings.url(), settings, home.eventLoop(), answers, metrics, () -> false, () -> {});
    return new RequestSender(
        settings.url(), settings, TestCodecs.serializer(true), answers, replies, () -> rooms++);
  }

  private List<Insight.Kind> insights() {
    List<Insight> out = new ArrayList<>();
    context.insights.drainTo(out);
    return out.stream().map(Insight::kind).toList();
  }

  @Test
  void aRequestIsWrittenAckedOnSendAndWaitsForItsReply() {
    RequestSender s = sender();
    s.send(SessionHarness.event(1), OutboundFrames.of(upstream));
    assertThat(replies.sentUnanswered()).isEqualTo(1);
    assertThat(SessionHarness.sent(upstream)).containsExactly("e1");
    assertThat(insights()).containsExactly(Insight.Kind.ACK);
    assertThat(context.emitted).isEmpty();
  }

  @Test
  void aFailedWriteIsASendErrorThatFailsTheEvent() {
    RequestSender s = sender();
    s.send(SessionHarness.event(1), OutboundFrames.of(upstream));
    // the connection ends before the end of the turn: the collected frames are dropped
    upstream.pipeline().fireChannelInactive();
    assertThat(replies.sentUnanswered()).isZero();
    assertThat(insights()).containsExactly(Insight.Kind.FAIL);
    Value error = ((Value.Obj) context.emitted.poll().event().data()).fields().get("error");
    assertThat(error)
        .isEqualTo(
            Value.of(
                "Error sending event to server "
                    + SessionHarness.URL
                    + ": "
                    + Failures.CLOSED_CONNECTION));
  }

  @Test
  void aRequestWithoutItsCorrelationIdIsNotSent() {
    RequestSender s = sender("correlation_field", "id");
    s.send(SessionHarness.event(1), OutboundFrames.of(upstream));
    assertThat(SessionHarness.sent(upstream)).isEmpty();
    assertThat(replies.sentUnanswered()).isZero();
    assertThat(insights()).containsExactly(Insight.Kind.FAIL);
    assertThat(context.emitted).hasSize(1);
  }
}
