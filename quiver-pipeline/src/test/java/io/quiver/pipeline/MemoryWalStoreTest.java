package io.quiver.pipeline;

import static io.quiver.pipeline.WalOperatorTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory store, and with it what {@link AbstractWalStore} keeps for both stores. */
class MemoryWalStoreTest {

  private static List<Long> numbers(Iterable<Map.Entry<Long, Event>> entries) {
    List<Long> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.getKey()));
    return out;
  }

  @Test
  void eventsAreNumberedFromZeroInArrivalOrderAndReadBackByNumber() {
    MemoryWalStore store = new MemoryWalStore();

    assertThat(store.append(event(1))).isZero();
    assertThat(store.append(event(2))).isEqualTo(1);
    assertThat(store.append(event(3))).isEqualTo(2);

    assertThat(store.get(1)).isEqualTo(event(2));
    assertThat(store.get(3)).isNull();
    assertThat(numbers(store.from(1))).containsExactly(1L, 2L);
    assertThat(store.count()).isEqualTo(3);
  }

  @Test
  void bytesAreTheEncodedSizesOfTheLiveEvents() {
    MemoryWalStore store = new MemoryWalStore();
    store.append(event(1));
    store.append(event(22));
    store.append(event(333));

    store.removeUpTo(1);

    assertThat(store.bytes()).isEqualTo(WalRecords.encode(event(333)).length);
    assertThat(store.count()).isEqualTo(1);
    assertThat(numbers(store.from(0))).containsExactly(2L);
  }

  @Test
  void removingDoesNotReuseNumbersAndConfirmingOnlyRemembers() {
    MemoryWalStore store = new MemoryWalStore();
    assertThat(store.confirmed()).isEqualTo(-1);
    store.append(event(1));
    store.append(event(2));

    store.confirm(1);
    store.removeUpTo(1);

    assertThat(store.confirmed()).isEqualTo(1);
    assertThat(store.count()).isZero();
    assertThat(store.bytes()).isZero();
    assertThat(store.append(event(3))).isEqualTo(2);
  }
}
