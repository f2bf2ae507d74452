package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransitTest {

  @Test
  void operatorMetadataIsKeptSortedAndReplacedPerUid() {
    Transit t =
        Transit.NONE
            .withOpMeta(30, Value.of(3))
            .withOpMeta(10, Value.of(1))
            .withOpMeta(20, Value.NULL);
    assertThat(t.opMetaKeys()).containsExactly(10, 20, 30);
    assertThat(t.withOpMeta(20, Value.of(2)).opMeta(20)).isEqualTo(Value.of(2));
    assertThat(t.hasOpMeta(20)).isTrue();
    assertThat(t.hasOpMeta(25)).isFalse();
    assertThat(Transit.NONE.hasOpMeta(1)).isFalse();
    assertThat(t.opMetaOnly().transactional()).isFalse();
  }

  @Test
  void trackingRecordsTheOwnIdAndMergesRangesPerSourceAndStream() {
    EventId own = new EventId(100, 0, 7);
    Transit t =
        Transit.NONE
            .withTracked(own, new EventId(1, 0, 5), Transit.NONE)
            .withTracked(own, new EventId(1, 0, 9), Transit.NONE)
            .withTracked(own, new EventId(2, 0, 3), Transit.NONE);

    assertThat(t.tracked())
        .containsExactly(
            new Transit.TrackedIds(1, 0, 5, 9),
            new Transit.TrackedIds(2, 0, 3, 3),
            new Transit.TrackedIds(100, 0, 7, 7));
    assertThat(t.maxBySource(own, 1)).isEqualTo(9);
    assertThat(t.minBySource(own, 1)).isEqualTo(5);
    assertThat(t.maxBySource(own, 100)).isEqualTo(7);
    assertThat(t.maxBySource(own, 3)).isEqualTo(-1);
    // without tracked ids only the own id counts
    assertThat(Transit.NONE.maxBySource(new EventId(4, 0, 2), 4)).isEqualTo(2);
    assertThat(Transit.NONE.touches(new EventId(4, 0, 2), 5)).isFalse();
  }

  @Test
  void aBatchSplitsIntoItsEntriesWithTheBatchIdAndTransit() throws Exception {
    Transit t = Transit.NONE.withBatch(true).withTransactional(true);
    Value data =
        Json.parse(
            "[{\"data\":{\"value\":1,\"meta\":{\"a\":1},\"ingest_ns\":5}},"
                + "{\"data\":{\"value\":2,\"meta\":{}}}, 3]");
    Event batch = new Event(new EventId(9, 0, 1), 5, data, Value.EMPTY_OBJECT, 0, t);

    List<Event> entries = batch.elements();

    assertThat(entries).extracting(Event::data).containsExactly(Value.of(1), Value.of(2));
    assertThat(entries.get(0).meta()).isEqualTo(Value.obj("a", Value.of(1)));
    assertThat(entries.get(0).id()).isEqualTo(batch.id());
    assertThat(entries.get(0).batch()).isFalse();
    assertThat(entries.get(0).transactional()).isTrue();
    Event single = new Event(new EventId(1, 0, 1), 1, Value.of(1), null, 0);
    assertThat(single.elements()).containsExactly(single);
    assertThat(single.transit()).isSameAs(Transit.NONE);
  }
}
