package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upstream messages matched to their requests, first in first out or by correlation id. */
class ReplyDecoderTest {
  private final EmbeddedChannel home = new EmbeddedChannel();
  private final WsMetrics metrics = new WsMetrics();
  private RecordingSinkContext context = new RecordingSinkContext(true);
  private ReplyQueue replies;

  private ReplyDecoder decoder(boolean shared, boolean json, Object... config) {
    WsOfframpSettings settings = TestSettings.offramp(SessionHarness.URL, config);
    OfframpAnswers answers = new OfframpAnswers(context, new DroppedReplies("test", metrics));
    replies =
        new ReplyQueue(
            settings.url(), settings, home.eventLoop(), answers, metrics, () -> false, () -> {});
    return new ReplyDecoder(
        settings.url(),
        shared,
        json ? TestCodecs.jsonDeserializer() : TestCodecs.deserializer(true),
        answers,
        replies);
  }

  private static byte[] bytes(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private List<RecordingSinkContext.Emitted> emitted() {
    List<RecordingSinkContext.Emitted> out = new ArrayList<>();
    context.emitted.drainTo(out);
    return out;
  }

  @Test
  void anAnsweredRequestsRecordIsKeptForTheNextRequest() {
    ReplyDecoder d = decoder(true, false);
    replies.sent(SessionHarness.event(1).withTransit(Transit.NONE), null);
    replies.sent(SessionHarness.event(2).withTransit(Transit.NONE), null);
    assertThat(d.decode(bytes("a"), false)).isTrue();
    assertThat(replies.spareCount()).isEqualTo(1);
    assertThat(d.decode(bytes("b"), false)).isTrue();
    assertThat(replies.spareCount()).as("the last request keeps its record").isEqualTo(1);
    List<RecordingSinkContext.Emitted> out = emitted();
    assertThat(out).extracting(e -> e.event().id().event()).containsExactly(1L, 2L);
    assertThat(out).extracting(e -> e.event().data()).containsExactly(Value.of("a"), Value.of("b"));
  }

  @Test
  void repliesAnswerTheOldestRequestFirst() {
    ReplyDecoder d = decoder(true, false);
    replies.sent(SessionHarness.event(1), null);
    replies.sent(SessionHarness.event(2), null);
    assertThat(d.decode(bytes("a"), false)).isTrue();
    assertThat(d.decode(bytes("b"), true)).isTrue();
    List<RecordingSinkContext.Emitted> out = emitted();
    assertThat(out).extracting(e -> e.event().id().event()).containsExactly(1L, 2L);
    assertThat(out).extracting(e -> e.event().data()).containsExactly(Value.of("a"), Value.of("b"));
    assertThat(out.get(1).event().meta()).isEqualTo(Value.obj("binary", Value.TRUE));
  }

  @Test
  void aSharedSessionDropsWhatAnswersNobody() {
    ReplyDecoder d = decoder(true, false);
    assertThat(d.decode(bytes("early"), false)).isFalse();
    replies.sent(SessionHarness.event(1), null);
    d.decode(bytes("a"), false);
    assertThat(d.decode(bytes("push"), false)).isFalse();
    assertThat(emitted()).hasSize(1);
    assertThat(metrics.snapshot().repliesDropped()).isEqualTo(2);
  }

  @Test
  void aPerClientSessionGivesAPushToItsLastRequest() {
    ReplyDecoder d = decoder(false, false);
    replies.sent(SessionHarness.event(1), null);
    d.decode(bytes("a"), false);
    assertThat(d.decode(bytes("push"), false)).isTrue();
    assertThat(emitted()).extracting(e -> e.event().id().event()).containsExactly(1L, 1L);
  }

  @Test
  void aReplyThatCannotBeDecodedIsOneErrorThatFailsTheEvent() {
    ReplyDecoder d = decoder(true, true);
    replies.sent(SessionHarness.event(1), null);
    d.decode("{\n}}\n".getBytes(StandardCharsets.UTF_8), false);
    List<RecordingSinkContext.Emitted> out = emitted();
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(out.getFirst().event().data()))
        .contains("Error deserializing Response message (codec/preprocessors): ");
    assertThat(context.insights).extracting(Insight::kind).containsExactly(Insight.Kind.FAIL);
  }

  @Test
  void correlatedRepliesFindTheirRequestInAnyOrder() {
    ReplyDecoder d = decoder(true, true, "correlation_field", "id");
    Event one = new Event(new EventId(1, 0, 1), 0, Value.obj("id", Value.of(1)), Value.obj(), 7);
    Event two = new Event(new EventId(1, 0, 2), 0, Value.obj("id", Value.of(2)), Value.obj(), 7);
    replies.sent(one, Value.of(1));
    replies.sent(two, Value.of(2));
    d.decode(bytes("{\"id\":2}"), false);
    d.decode(bytes("{\"id\":3}"), false);
    d.decode(bytes("{\"no\":1}"), false);
    d.decode(bytes("{\"id\":1}"), false);
    assertThat(emitted()).extracting(e -> e.event().id().event()).containsExactly(2L, 1L);
    assertThat(metrics.snapshot().repliesDropped()).isEqualTo(2);
  }

  @Test
  void anUnlinkedOfframpIgnoresUpstreamMessages() {
    context = new RecordingSinkContext(false);
    ReplyDecoder d = decoder(true, false);
    assertThat(d.decode(bytes("a"), false)).isFalse();
    assertThat(emitted()).isEmpty();
    assertThat(metrics.snapshot().repliesDropped()).isZero();
  }
}
