package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kind of an offramp failure, not its text, decides whether the event is failed. */
class OfframpAnswersTest {
  private final RecordingSinkContext context = new RecordingSinkContext(true);
  private final OfframpAnswers answers =
      new OfframpAnswers(context, new DroppedReplies("test", new WsMetrics()));
  private final Event request = SessionHarness.event(1);

  @Test
  void anEventThatWasNotSentIsFailed() {
    answers.error(request, OfframpFailure.sending("ws://up/", "Connection refused"));
    assertThat(kinds()).containsExactly(Insight.Kind.FAIL);
    assertThat(error()).isEqualTo("Error sending event to server ws://up/: Connection refused");
  }

  @Test
  void aRequestWithoutItsReplyIsNotFailedItWasAckedOnSend() {
    answers.error(request, OfframpFailure.receiving("ws://up/", "no reply within 5 ms"));
    assertThat(kinds()).isEmpty();
    assertThat(error())
        .isEqualTo("Error receiving reply from server ws://up/: no reply within 5 ms");
  }

  @Test
  void theKindNotTheTextDecides() {
    // a send failure whose text reads like a receive error is still a send failure
    answers.error(
        request, new OfframpFailure.NotSent("Error receiving reply from server ws://up/: x"));
    assertThat(kinds()).containsExactly(Insight.Kind.FAIL);
  }

  @Test
  void aReplyThatCannotBeDecodedFailsTheEventAsBefore() {
    answers.error(request, new OfframpFailure.BadReply("Error deserializing Response message"));
    assertThat(kinds()).containsExactly(Insight.Kind.FAIL);
  }

  @Test
  void theErrorEventCarriesTheTextAndTheClientCloseRequest() {
    answers.error(
        request, OfframpFailure.receiving("ws://up/", "reset"), UpstreamSession.CLIENT_CLOSE);
    RecordingSinkContext.Emitted emitted = context.emitted.poll();
    assertThat(emitted.port()).isEqualTo(Ports.ERR);
    assertThat(emitted.event().data())
        .isEqualTo(
            Value.obj(
                "error",
                Value.of("Error receiving reply from server ws://up/: reset"),
                "event_id",
                Value.of(request.id().toString())));
    assertThat(((Value.Obj) emitted.event().meta()).fields().get("ws"))
        .isEqualTo(Value.obj("close", UpstreamSession.CLIENT_CLOSE));
  }

  private List<Insight.Kind> kinds() {
    List<Insight> insights = new ArrayList<>();
    context.insights.drainTo(insights);
    return insights.stream().map(Insight::kind).toList();
  }

  private String error() {
    Value data = context.emitted.poll().event().data();
    return ((Value.Str) ((Value.Obj) data).fields().get("error")).value();
  }
}
