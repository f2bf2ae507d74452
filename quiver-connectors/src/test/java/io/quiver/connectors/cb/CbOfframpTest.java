package io.quiver.connectors.cb;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CbOfframpTest {
  private static final Transit TRANSACTIONAL =
      Transit.NONE.withTransactional(true).withOpMeta(7, Value.of("pipeline"));

  /** Records the insights the offramp sends back. */
  private static final class Recording implements SinkContext {
    final List<Insight> insights = new CopyOnWriteArrayList<>();

    @Override
    public Artefact artefact() {
      return new Artefact("cb", "01", "tremor://localhost/offramp/cb/01", false);
    }

    @Override
    public void emit(String port, Event event) {
      throw new AssertionError("the cb offramp emits nothing");
    }

    @Override
    public Serializer newSerializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Deserializer newDeserializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void insight(Insight insight) {
      insights.add(insight);
    }

    List<Insight.Kind> kinds() {
      return insights.stream().map(Insight::kind).toList();
    }
  }

  private final Recording context = new Recording();
  private final CbOfframp offramp = new CbOfframp();

  @BeforeEach
  void start() {
    offramp.start(context);
  }

  private static Event event(long n, String data, Transit transit) throws Exception {
    return new Event(new EventId(3, 0, n), 42, Json.parse(data), null, 0, transit);
  }

  @Test
  void acksAndFailsComeBackForTheEventWithItsTransit() throws Exception {
    Event ack = event(5, "{\"cb\":\"ack\"}", TRANSACTIONAL);
    Event fail = event(6, "{\"cb\":\"fail\"}", TRANSACTIONAL);
    offramp.onEvent(ack);
    offramp.onEvent(fail);
    assertThat(context.insights)
        .containsExactly(Insight.ack(ack), Insight.fail(fail))
        .allSatisfy(i -> assertThat(i.transit().opMeta(7)).isEqualTo(Value.of("pipeline")));
  }

  @Test
  void circuitCommandsBreakAndRestoreAfterTheDeliveryAnswer() throws Exception {
    offramp.onEvent(event(1, "{\"cb\":[\"trigger\",\"fail\"]}", TRANSACTIONAL));
    offramp.onEvent(event(2, "{\"cb\":[\"restore\"]}", TRANSACTIONAL));
    assertThat(context.kinds())
        .containsExactly(
            Insight.Kind.FAIL, Insight.Kind.CIRCUIT_BROKEN, Insight.Kind.CIRCUIT_RESTORED);
  }

  @Test
  void eventsWithoutCbGetNoAnswerAndNothingIsAutoAcked() throws Exception {
    offramp.onEvent(event(1, "{\"snot\":\"badger\"}", TRANSACTIONAL));
    assertThat(context.insights).isEmpty();
    assertThat(offramp.autoAck()).isFalse();
  }

  @Test
  void eventsNobodyWaitsForGetNoAckButStillMoveTheCircuit() throws Exception {
    offramp.onEvent(event(1, "{\"cb\":[\"ack\",\"close\"]}", Transit.NONE));
    assertThat(context.kinds()).containsExactly(Insight.Kind.CIRCUIT_BROKEN);
  }

  @Test
  void eachEntryOfABatchAnswersForTheWholeBatch() throws Exception {
    Event batch =
        event(
            9,
            "[{\"data\":{\"value\":{\"cb\":\"ack\"},\"meta\":{}}},"
                + "{\"data\":{\"value\":{},\"meta\":{\"cb\":\"fail\"}}}]",
            TRANSACTIONAL.withBatch(true));
    offramp.onEvent(batch);
    assertThat(context.insights).containsExactly(Insight.ack(batch), Insight.fail(batch));
  }
}
