package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

/** A stream's sink: sends each outcome with the stream's meta and counts them per input. */
class StreamSinkTest {
  @Test
  void sendsEachOutcomeAndCountsThemPerInput() {
    OnrampEventsTest owner = new OnrampEventsTest();
    StreamSink sink = new StreamSink(owner.events());
    Value meta = Value.obj("binary", Value.FALSE);

    sink.start(5, meta, 100);
    assertThat(sink.busy).isTrue();
    sink.ok(Value.of("a"), 42);
    sink.failed("bad");
    assertThat(sink.count).isEqualTo(2);
    assertThat(sink.sending).isFalse();

    sink.start(5, Value.EMPTY_OBJECT, 200);
    assertThat(sink.count).isZero();
    sink.ok(Value.of("b"), 201);

    assertThat(owner.pipeline.events).hasSize(3);
    assertThat(owner.pipeline.events.get(0).meta()).isEqualTo(meta);
    assertThat(owner.pipeline.events.get(0).ingestNs()).isEqualTo(42);
    assertThat(owner.pipeline.events.get(1).ingestNs()).as("the input's time").isEqualTo(100);
    assertThat(owner.pipeline.events.get(2).stream()).isEqualTo(5);
    assertThat(owner.pipeline.seen.get(1)).startsWith("errors 7:0:1 {\"error\":\"bad\"");
  }

  @Test
  void whatASendThrowsIsMarkedAsTheSendersNotTheCodecs() {
    StreamSink sink = new StreamSink(null); // sending throws, as a failing destination would
    sink.start(1, Value.EMPTY_OBJECT, 0);
    assertThatThrownBy(() -> sink.ok(Value.of("a"), 0)).isInstanceOf(NullPointerException.class);
    assertThat(sink.sending).as("the onramp rethrows it instead of making an error event").isTrue();
  }
}
