package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Artefact;
import io.quiver.spi.ReplyRoutes;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OnrampRepliesTest {
  private static final long UID = 7;
  private static final TremorUrl URL = TremorUrl.parse("tremor://localhost/onramp/ws/01");

  /** Records the replies handed to it. */
  private static final class Replied implements Source {
    final List<Event> replies = new CopyOnWriteArrayList<>();

    @Override
    public void start(SourceContext context) {}

    @Override
    public void reply(Event event) {
      replies.add(event);
    }

    @Override
    public void stop() {}
  }

  private final Replied source = new Replied();

  private OnrampReplies replies(boolean linked) {
    return new OnrampReplies(URL, UID, new Artefact("ws", "01", URL.toString(), linked), source);
  }

  private static Event reply(EventId id, Value meta, Transit transit) {
    return new Event(id, 1, Value.of("answer"), meta, 3, transit);
  }

  @Test
  void aReplyToOneOfItsOwnEventsReachesTheSourceAsItIs() {
    OnrampReplies replies = replies(true);
    Event own = reply(new EventId(UID, 0, 4), Value.EMPTY_OBJECT, Transit.NONE);
    replies.reply(own);
    assertThat(source.replies).containsExactly(own);
    assertThat(replies.received()).isEqualTo(1);
  }

  @Test
  void anOnrampThatIsNotLinkedCountsRepliesButHandsNoneOver() {
    OnrampReplies replies = replies(false);
    replies.reply(reply(new EventId(UID, 0, 4), Value.EMPTY_OBJECT, Transit.NONE));
    replies.reply(reply(new EventId(UID, 0, 5), Value.EMPTY_OBJECT, Transit.NONE));
    assertThat(source.replies).isEmpty();
    assertThat(replies.received()).isEqualTo(2);
  }

  @Test
  void aReplyUnderAnotherIdThatTracksOneOfOursTakesOurId() {
    OnrampReplies replies = replies(true);
    EventId ours = new EventId(UID, 0, 9);
    EventId replayed = new EventId(99, 0, 1);
    Transit tracking = Transit.NONE.withTracked(replayed, ours, Transit.NONE);
    replies.reply(reply(replayed, Value.EMPTY_OBJECT, tracking));
    assertThat(source.replies).hasSize(1);
    Event handed = source.replies.getFirst();
    assertThat(handed.id()).isEqualTo(ours);
    assertThat(handed.data()).isEqualTo(Value.of("answer"));
    assertThat(handed.stream()).isEqualTo(3);
  }

  @Test
  void aReplyRoutedBackByItsRouteTakesTheIdOfTheRequest() {
    OnrampReplies replies = replies(true);
    Event request = new Event(new EventId(UID, 0, 11), 1, Value.of("q"), null, 5);
    String token = ReplyRoutes.PROCESS.open(request, 60_000, r -> {});
    replies.reply(reply(new EventId(99, 0, 2), Value.obj("route", Value.of(token)), Transit.NONE));
    assertThat(source.replies).hasSize(1);
    assertThat(source.replies.getFirst().id()).isEqualTo(request.id());
    assertThat(source.replies.getFirst().stream()).isEqualTo(5);
  }

  @Test
  void aReplyThatIsNotOursIsDropped() {
    OnrampReplies replies = replies(true);
    replies.reply(reply(new EventId(99, 0, 3), Value.EMPTY_OBJECT, Transit.NONE));
    assertThat(source.replies).isEmpty();
    assertThat(replies.received()).isEqualTo(1);
  }
}
