package io.quiver.connectors.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmsTest {
  private final List<String> answers = new ArrayList<>();
  private final Confirms confirms =
      new Confirms((event, startNs, error) -> answers.add(event.data().asString() + ":" + error));

  private static Event event(String name) {
    return new Event(new EventId(1, 0, 1), 0, Value.of(name), Value.EMPTY_OBJECT, 0);
  }

  @Test
  void anEventIsAnsweredOnceAllItsMessagesAreConfirmed() {
    Confirms.Pending a = confirms.begin(event("a"));
    a.expect(1);
    a.published();
    a.expect(2);
    a.published();
    a.sealed();
    confirms.answer(1, false, null);
    assertThat(answers).isEmpty();
    confirms.answer(2, false, null);
    assertThat(answers).containsExactly("a:null");
  }

  @Test
  void multipleConfirmsAndNacksAnswerEverythingUpToTheTag() {
    Confirms.Pending a = confirms.begin(event("a"));
    a.expect(1);
    a.published();
    a.sealed();
    Confirms.Pending b = confirms.begin(event("b"));
    b.expect(2);
    b.published();
    b.sealed();
    confirms.answer(2, true, "nacked");
    assertThat(answers).containsExactly("a:nacked", "b:nacked");
    assertThat(confirms.outstanding()).isZero();
  }

  @Test
  void aPublishThatThrowsFailsItsEventWithoutWaitingForAConfirm() {
    Confirms.Pending a = confirms.begin(event("a"));
    a.expect(1);
    a.error("channel closed");
    a.sealed();
    assertThat(answers).containsExactly("a:channel closed");
    Confirms.Pending b = confirms.begin(event("b"));
    b.expect(2);
    b.published();
    b.sealed();
    confirms.failAll("connection lost");
    assertThat(answers).containsExactly("a:channel closed", "b:connection lost");
  }
}
