package io.quiver.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplyRoutesTest {
  private final ReplyRoutes routes = new ReplyRoutes();
  private final BlockingQueue<ReplyRoutes.Route> timedOut = new LinkedBlockingQueue<>();

  private static Event request(long n, long stream) {
    return new Event(new EventId(9, 0, n), 100 + n, Value.of("q" + n), Value.EMPTY_OBJECT, stream);
  }

  @Test
  void aReplyTakesItsRouteOnceAndGetsTheRequestsIdentity() {
    String token = routes.open(request(1, 42), 60_000, timedOut::add);
    String other = routes.open(request(2, 43), 60_000, timedOut::add);
    assertThat(token).isNotEqualTo(other);
    ReplyRoutes.Route route = routes.take(token);
    Event reply = route.answer(new Event(new EventId(5, 0, 77), 7, Value.of("r"), null, 3));
    assertThat(reply.id()).isEqualTo(new EventId(9, 0, 1));
    assertThat(reply.stream()).isEqualTo(42);
    assertThat(reply.data()).isEqualTo(Value.of("r"));
    assertThat(routes.take(token)).isNull();
    assertThat(routes.size()).isEqualTo(1);
  }

  @Test
  void anUnansweredRouteTimesOutOnceAndItsLateReplyFindsNothing() throws Exception {
    String token = routes.open(request(3, 44), 20, timedOut::add);
    ReplyRoutes.Route route = timedOut.poll(5, TimeUnit.SECONDS);
    assertThat(route.id()).isEqualTo(new EventId(9, 0, 3));
    Event error = route.answer(Value.obj("error", Value.of("x")), Value.EMPTY_OBJECT);
    assertThat(error.stream()).isEqualTo(44);
    assertThat(error.ingestNs()).isEqualTo(103);
    assertThat(routes.take(token)).isNull();
    assertThat(routes.size()).isZero();
    assertThat(timedOut).as("once").isEmpty();
  }

  @Test
  void tokensOfAnotherProcessAreUnknown() {
    String mine = routes.open(request(4, 1), 60_000, timedOut::add);
    ReplyRoutes restarted = new ReplyRoutes();
    assertThat(restarted.take(mine)).isNull();
    assertThat(restarted.take("garbage")).isNull();
    assertThat(routes.take(mine)).isNotNull();
  }
}
