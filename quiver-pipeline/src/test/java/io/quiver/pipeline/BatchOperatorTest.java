package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class BatchOperatorTest {
  static final long MS = 1_000_000L;
  static final long UID = 1L << 33;

  static Event event(long source, long n, long ingestNs, String data) throws Exception {
    return new Event(
        new EventId(source, 0, n), ingestNs, Json.parse(data), Value.obj("k", Value.of(n)), 3);
  }

  @Test
  void collectsCountEventsIntoOneBatchEventShapedAsTremors() throws Exception {
    BatchOperator op = new BatchOperator(UID, 2, -1);
    RecordingOutput out = new RecordingOutput();

    op.onEvent(event(1, 5, 100, "\"snot\""), out);
    assertThat(out.events).isEmpty();
    op.onEvent(
        event(1, 6, 200, "\"badger\"").withTransit(Transit.NONE.withTransactional(true)), out);

    assertThat(out.ports()).containsExactly("out");
    Event batch = out.events.get(0).event();
    assertThat(batch.batch()).isTrue();
    assertThat(batch.transactional()).isTrue();
    assertThat(batch.ingestNs()).isEqualTo(100);
    assertThat(batch.id()).isEqualTo(new EventId(UID, 0, 0));
    assertThat(batch.meta()).isEqualTo(Value.EMPTY_OBJECT);
    assertThat(Json.write(batch.data()))
        .isEqualTo(
            "[{\"data\":{\"value\":\"snot\",\"meta\":{\"k\":5},\"ingest_ns\":100,\"kind\":null,\"is_batch\":false}},"
                + "{\"data\":{\"value\":\"badger\",\"meta\":{\"k\":6},\"ingest_ns\":200,\"kind\":null,\"is_batch\":false}}]");
    // the batch stands for both events: acks reach their source with the highest, fails the lowest
    assertThat(batch.transit().maxBySource(batch.id(), 1)).isEqualTo(6);
    assertThat(batch.transit().minBySource(batch.id(), 1)).isEqualTo(5);

    out.clear();
    op.onEvent(event(2, 1, 300, "1"), out);
    op.onEvent(event(2, 2, 400, "2"), out);
    Event next = out.events.get(0).event();
    assertThat(next.id()).isEqualTo(new EventId(UID, 0, 1));
    assertThat(next.transactional()).isFalse();
    assertThat(next.transit().maxBySource(next.id(), 1)).isEqualTo(-1);
    assertThat(next.transit().maxBySource(next.id(), 2)).isEqualTo(2);
  }

  @Test
  void anEventArrivingAfterTheTimeoutFlushesTheSmallerBatchIncludingIt() throws Exception {
    BatchOperator op = new BatchOperator(UID, 10, 5 * MS);
    RecordingOutput out = new RecordingOutput();

    op.onEvent(event(1, 1, 10 * MS, "1"), out);
    op.onEvent(event(1, 2, 15 * MS, "2"), out); // exactly 5 ms later: not yet
    assertThat(out.events).isEmpty();
    op.onEvent(event(1, 3, 15 * MS + 1, "3"), out);

    assertThat(out.events).hasSize(1);
    assertThat(((Value.Arr) out.events.get(0).event().data()).items()).hasSize(3);
  }

  @Test
  void aTickAfterTheTimeoutFlushesWhatIsCollectedAndNothingWhenEmpty() throws Exception {
    BatchOperator op = new BatchOperator(UID, 10, 5 * MS);
    RecordingOutput out = new RecordingOutput();
    op.onEvent(event(1, 1, 10 * MS, "1"), out);

    op.onSignal(15 * MS, out);
    assertThat(out.events).isEmpty();
    op.onSignal(15 * MS + 1, out);
    assertThat(out.events).hasSize(1);
    assertThat(out.events.get(0).event().ingestNs()).isEqualTo(10 * MS);

    op.onSignal(100 * MS, out);
    assertThat(out.events).hasSize(1);
  }

  @Test
  void withoutTimeoutTicksNeverFlush() throws Exception {
    BatchOperator op = new BatchOperator(UID, 2, -1);
    RecordingOutput out = new RecordingOutput();
    op.onEvent(event(1, 1, 1, "1"), out);
    op.onSignal(Long.MAX_VALUE / 2, out);
    assertThat(out.events).isEmpty();
  }
}
