package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.ReplyRoutes;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoutedRepliesTest {
  private final ReplyRoutes routes = new ReplyRoutes();
  private final RoutedReplies replies =
      new RoutedReplies(TremorUrl.parse("tremor://localhost/onramp/ws/01/in"), routes);

  private static Event reply(Value route) {
    return new Event(new EventId(3, 0, 8), 1, Value.of("answer"), Value.obj("route", route), 0);
  }

  @Test
  void aReplyWithAnOpenRouteBecomesTheAnswerToItsRequest() {
    Event request = new Event(new EventId(1, 0, 5), 1, Value.of("q"), null, 17);
    String token = routes.open(request, 60_000, r -> {});
    Event routed =
        replies.resolve(
            reply(Value.of(token.getBytes(StandardCharsets.UTF_8))),
            Value.of(token.getBytes(StandardCharsets.UTF_8)));
    assertThat(routed.id()).isEqualTo(new EventId(1, 0, 5));
    assertThat(routed.stream()).isEqualTo(17);
    assertThat(routed.data()).isEqualTo(Value.of("answer"));
    assertThat(replies.dropped()).isZero();
  }

  @Test
  void unknownAnsweredAndMalformedRoutesAreDroppedAndCounted() {
    Event request = new Event(new EventId(1, 0, 6), 1, Value.of("q"), null, 18);
    String token = routes.open(request, 60_000, r -> {});
    assertThat(replies.resolve(reply(Value.of(token)), Value.of(token))).isNotNull();
    assertThat(replies.resolve(reply(Value.of(token)), Value.of(token))).isNull();
    assertThat(replies.resolve(reply(Value.of("nope")), Value.of("nope"))).isNull();
    assertThat(replies.resolve(reply(Value.of(1L)), Value.of(1L))).isNull();
    assertThat(replies.dropped()).isEqualTo(3);
  }
}
