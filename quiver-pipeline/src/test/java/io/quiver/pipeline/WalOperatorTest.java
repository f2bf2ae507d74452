package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalOperatorTest {
  static final long UID = (1L << 32) + 500;
  static final long UPSTREAM_OP = 42;

  static Event event(long n) {
    Transit t = Transit.NONE.withTransactional(true).withOpMeta(UPSTREAM_OP, Value.NULL);
    return new Event(
        new EventId(1, 0, n), 1000 + n, Value.of("e" + n), Value.obj("n", Value.of(n)), 2, t);
  }

  static WalOperator memoryWal(long readCount, long maxElements) {
    return new WalOperator(
        UID, "wal", readCount, maxElements, Long.MAX_VALUE, new MemoryWalStore());
  }

  static List<Value> data(RecordingOutput out) {
    return out.events.stream().map(e -> e.event().data()).toList();
  }

  @Test
  void storesAndAcksTransactionalEventsAtOnceButSendsNothingUntilTheCircuitIsRestored() {
    WalOperator wal = memoryWal(0, 10);
    RecordingOutput out = new RecordingOutput();

    wal.onEvent(event(1), out);

    assertThat(out.events).isEmpty();
    assertThat(out.insights).hasSize(1);
    Insight ack = out.insights.get(0);
    assertThat(ack.kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(ack.id()).isEqualTo(new EventId(1, 0, 1));
    assertThat(ack.transit().hasOpMeta(UPSTREAM_OP)).isTrue();
    assertThat(wal.stored()).isEqualTo(1);

    assertThat(wal.onContraflow(Insight.circuitRestored(5)).kind()).isEqualTo(Insight.Kind.NONE);
    out.clear();
    wal.onSignal(10, out);

    assertThat(data(out)).containsExactly(Value.of("e1"));
    Event sent = out.events.get(0).event();
    assertThat(sent.id()).isEqualTo(new EventId(UID, 0, 0));
    assertThat(sent.transactional()).isTrue();
    assertThat(sent.meta()).isEqualTo(Value.obj("n", Value.of(1)));
    assertThat(sent.stream()).isEqualTo(2);
    // the sent event tracks the original id
    assertThat(sent.transit().maxBySource(sent.id(), 1)).isEqualTo(1);
    assertThat(sent.transit().maxBySource(sent.id(), UID)).isEqualTo(0);
  }

  @Test
  void sendsReadCountPlusOneEventsPerReadAsTremorDoes() {
    WalOperator wal = memoryWal(1, 100);
    wal.onContraflow(Insight.circuitRestored(0));
    RecordingOutput out = new RecordingOutput();
    wal.onContraflow(Insight.circuitBroken(0));
    for (int i = 0; i < 5; i++) {
      wal.onEvent(event(i), out);
    }
    wal.onContraflow(Insight.circuitRestored(0));

    out.clear();
    wal.onSignal(1, out);
    assertThat(data(out)).containsExactly(Value.of("e0"), Value.of("e1"));
    out.clear();
    wal.onSignal(2, out);
    assertThat(data(out)).containsExactly(Value.of("e2"), Value.of("e3"));
  }

  @Test
  void anAckConfirmsAndDropsUpToItAFailResendsFromTheFailedEvent() {
    WalOperator wal = memoryWal(10, 100);
    wal.onContraflow(Insight.circuitRestored(0));
    RecordingOutput out = new RecordingOutput();
    for (int i = 0; i < 4; i++) {
      wal.onEvent(event(i), out);
    }
    List<Event> sent = out.events.stream().map(RecordingOutput.Emitted::event).toList();
    assertThat(sent)
        .extracting(Event::data)
        .containsExactly(Value.of("e0"), Value.of("e1"), Value.of("e2"), Value.of("e3"));

    assertThat(wal.onContraflow(Insight.ack(sent.get(1))).kind()).isEqualTo(Insight.Kind.NONE);
    assertThat(wal.onContraflow(Insight.fail(sent.get(2))).kind()).isEqualTo(Insight.Kind.NONE);

    out.clear();
    wal.onSignal(1, out);
    assertThat(data(out)).containsExactly(Value.of("e2"), Value.of("e3"));
    assertThat(wal.stored()).isEqualTo(2);
  }

  @Test
  void acksAboutOtherEventsPassOnUpstream() {
    WalOperator wal = memoryWal(10, 100);
    Insight foreign = Insight.ack(event(9));
    assertThat(wal.onContraflow(foreign)).isSameAs(foreign);
  }

  @Test
  void whenFullItBreaksTheCircuitUpstreamOnATickAndRestoresItOnceBelowAgain() {
    WalOperator wal = memoryWal(10, 2);
    RecordingOutput out = new RecordingOutput();
    wal.onEvent(event(1), out);
    wal.onEvent(event(2), out);
    out.clear();

    wal.onSignal(100, out);
    assertThat(out.insights).extracting(Insight::kind).containsExactly(Insight.Kind.CIRCUIT_BROKEN);
    assertThat(out.insights.get(0).ingestNs()).isEqualTo(100);

    wal.onContraflow(Insight.circuitRestored(0));
    out.clear();
    wal.onSignal(200, out); // sends both
    List<Event> sent = out.events.stream().map(RecordingOutput.Emitted::event).toList();
    assertThat(sent).hasSize(2);
    wal.onContraflow(Insight.ack(sent.get(1)));
    out.clear();
    wal.onSignal(300, out); // gc, then the check on the next tick
    wal.onSignal(400, out);
    assertThat(out.insights)
        .extracting(Insight::kind)
        .containsExactly(Insight.Kind.CIRCUIT_RESTORED);
  }

  @Test
  void onDiskUnconfirmedEventsAreSentAgainAfterARestart(@TempDir Path dir) throws Exception {
    try (WalOperator wal =
        new WalOperator(UID, "wal", 10, 100, Long.MAX_VALUE, new FileWalStore(dir, false))) {
      wal.onContraflow(Insight.circuitRestored(0));
      RecordingOutput out = new RecordingOutput();
      for (int i = 0; i < 3; i++) {
        wal.onEvent(event(i), out);
      }
      Event first = out.events.get(0).event();
      wal.onContraflow(Insight.ack(first));
    }

    try (WalOperator wal =
        new WalOperator(UID, "wal", 10, 100, Long.MAX_VALUE, new FileWalStore(dir, false))) {
      assertThat(wal.stored()).isEqualTo(2);
      wal.onContraflow(Insight.circuitRestored(0));
      RecordingOutput out = new RecordingOutput();
      wal.onSignal(1, out);
      assertThat(data(out)).containsExactly(Value.of("e1"), Value.of("e2"));
      Event replayed = out.events.get(0).event();
      assertThat(replayed.id()).isEqualTo(new EventId(UID, 0, 1));
      assertThat(replayed.meta()).isEqualTo(Value.obj("n", Value.of(1)));
      assertThat(replayed.transit().hasOpMeta(UPSTREAM_OP)).isTrue();
      assertThat(replayed.transit().maxBySource(replayed.id(), 1)).isEqualTo(1);
      // new events are numbered after the stored ones
      out.clear();
      wal.onEvent(event(7), out);
      assertThat(out.events.get(0).event().id()).isEqualTo(new EventId(UID, 0, 3));
      wal.onContraflow(Insight.ack(out.events.get(0).event()));
      wal.onSignal(2, out);
    }

    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.count()).isZero();
      assertThat(store.confirmed()).isEqualTo(3);
    }
  }

  @Test
  void onDiskATornLastRecordIsIgnoredAndCutOff(@TempDir Path dir) throws Exception {
    try (FileWalStore store = new FileWalStore(dir, true)) {
      store.append(event(1));
      store.append(event(2));
    }
    Path log = dir.resolve(FileWalStore.FILE);
    long full = Files.size(log);
    byte[] bytes = Files.readAllBytes(log);
    Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 3));

    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.count()).isEqualTo(1);
      assertThat(store.get(0).data()).isEqualTo(Value.of("e1"));
      assertThat(Files.size(log)).isLessThan(full - 3);
      assertThat(store.append(event(3))).isEqualTo(1);
    }
  }

  @Test
  void onDiskTwoOperatorsCannotShareADirectory(@TempDir Path dir) throws Exception {
    try (FileWalStore store = new FileWalStore(dir, false)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileWalStore(dir, false))
          .hasMessage(
              "the WAL directory "
                  + dir
                  + " is in use by another qos::wal operator; give each one its own `dir`");
      assertThat(store.count()).isZero();
    }
  }

  @Test
  void onDiskBinaryDataAndNestedValuesSurvive(@TempDir Path dir) throws Exception {
    Value data =
        Value.obj(
            "b",
            Value.of(new byte[] {0, 1, (byte) 255}),
            "a",
            Value.array(List.of(Value.of(1.5), Value.NULL, Value.TRUE, Value.of("ü"))));
    Event e =
        new Event(
            new EventId(3, 4, 5),
            6,
            data,
            Value.EMPTY_OBJECT,
            7,
            Transit.NONE
                .withBatch(true)
                .withTracked(new EventId(3, 4, 5), new EventId(9, 0, 1), Transit.NONE));
    try (FileWalStore store = new FileWalStore(dir, false)) {
      store.append(e);
    }
    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.get(0)).isEqualTo(e);
    }
  }
}
