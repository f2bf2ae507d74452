package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Decoded;
import io.quiver.spi.LogThrottle;
import io.quiver.value.Event;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * An onramp's events: ids over both ports, err events in Tremor's shape, the transit they carry.
 */
class OnrampEventsTest {
  /** Records what reaches each of its input ports. */
  static final class Recording implements Pipeline {
    final List<String> seen = new ArrayList<>();
    final List<Event> events = new ArrayList<>();

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public void onEvent(String port, Event event, Emitter out) {
      seen.add(port + " " + event.id() + " " + io.quiver.value.Json.write(event.data()));
      events.add(event);
    }
  }

  final Recording pipeline = new Recording();

  OnrampEvents events() {
    PortTable outputs = new PortTable();
    PipelineRunner runner = new PipelineRunner(TremorUrl.parse("/pipeline/p/1"), pipeline);
    outputs.connect("out", new Destination.ToPipeline(runner, "in"));
    outputs.connect("err", new Destination.ToPipeline(runner, "errors"));
    return new OnrampEvents(
        TremorUrl.parse("/onramp/in/01"), 7, outputs, new LogThrottle(LogThrottle.TEN_SECONDS));
  }

  @Test
  void valuesGoOutOfOutAndFailuresOutOfErrWithOneIdCounter() {
    OnrampEvents events = events();
    events.sendOk(3, Value.of("a"), 10, Value.EMPTY_OBJECT);
    events.sendFailed(3, "bad input", 11);
    events.transmit(
        4,
        List.of(new Decoded.Ok(Value.of("b"), OptionalLong.of(99)), new Decoded.Failed("worse")),
        Value.EMPTY_OBJECT,
        12);

    assertThat(pipeline.seen)
        .containsExactly(
            "in 7:0:0 \"a\"",
            "errors 7:0:1 {\"error\":\"bad input\",\"event_id\":1,\"source_id\":\"tremor://localhost/onramp/in/01/in\"}",
            "in 7:0:2 \"b\"",
            "errors 7:0:3 {\"error\":\"worse\",\"event_id\":3,\"source_id\":\"tremor://localhost/onramp/in/01/in\"}");
    assertThat(pipeline.events.get(2).ingestNs()).as("a preprocessor's ingest time").isEqualTo(99);
    assertThat(pipeline.events.get(3).ingestNs()).isEqualTo(12);
    assertThat(pipeline.events.get(1).meta()).isEqualTo(Value.obj("error", Value.of("bad input")));
    assertThat(pipeline.events.get(0).stream()).isEqualTo(3);
    assertThat(pipeline.events.get(0).transactional()).isFalse();
  }

  @Test
  void eventsCarryTheTransitSetAtStart() {
    OnrampEvents events = events();
    events.transit(Transit.NONE.withTransactional(true));
    events.sendOk(1, Value.of("a"), 0, Value.EMPTY_OBJECT);
    events.sendFailed(1, "bad", 0);
    assertThat(pipeline.events).allMatch(Event::transactional).hasSize(2);
  }
}
