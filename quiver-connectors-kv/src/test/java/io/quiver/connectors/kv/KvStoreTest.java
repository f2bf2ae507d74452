package io.quiver.connectors.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvStoreTest {
  @TempDir Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static List<String> keys(List<KvStore.Entry> entries) {
    return entries.stream().map(e -> new String(e.key(), UTF_8)).toList();
  }

  @Test
  void putGetDeleteAnswerTheValueBefore() throws Exception {
    try (KvStore store = KvStore.open(tmp.resolve("db"))) {
      assertThat(store.get(b("a"))).isNull();
      assertThat(store.put(b("a"), b("1"))).isNull();
      assertThat(store.put(b("a"), b("2"))).isEqualTo(b("1"));
      assertThat(store.get(b("a"))).isEqualTo(b("2"));
      assertThat(store.delete(b("a"))).isEqualTo(b("2"));
      assertThat(store.delete(b("a"))).isNull();
      assertThat(store.get(b("a"))).isNull();
    }
    assertThat(tmp.resolve("db").resolve(KvStore.FILE_NAME)).exists();
  }

  @Test
  void scanGoesInUnsignedByteOrderFromStartIncludedToEndExcluded() throws Exception {
    try (KvStore store = KvStore.open(tmp)) {
      for (String k : List.of("b", "a", "ab", "c", "\u00e9", "B")) {
        store.put(b(k), b("v"));
      }
      store.put(new byte[] {(byte) 0xFF}, b("v"));
      // 'B' < 'a' < 'ab' < 'b' < 'c' < 0xC3 0xA9 (é) < 0xFF
      assertThat(keys(store.scan(null, null)))
          .containsExactly("B", "a", "ab", "b", "c", "é", "\ufffd");
      assertThat(keys(store.scan(b("ab"), b("c")))).containsExactly("ab", "b");
      assertThat(keys(store.scan(b("b"), null))).containsExactly("b", "c", "é", "\ufffd");
      assertThat(keys(store.scan(null, b("a")))).containsExactly("B");
      assertThat(store.scan(b("c"), b("a"))).isEmpty();
      assertThat(store.scan(b("zz"), null)).hasSize(2); // é and 0xFF sort after ASCII
    }
  }

  @Test
  void compareAndSwapTakesNullAsAbsent() throws Exception {
    try (KvStore store = KvStore.open(tmp)) {
      assertThat(store.compareAndSwap(b("k"), b("x"), b("1")))
          .isEqualTo(new KvStore.CasOutcome(false, null));
      assertThat(store.get(b("k"))).isNull();
      assertThat(store.compareAndSwap(b("k"), null, b("1")).swapped()).isTrue();
      assertThat(store.get(b("k"))).isEqualTo(b("1"));
      KvStore.CasOutcome lost = store.compareAndSwap(b("k"), null, b("2"));
      assertThat(lost.swapped()).isFalse();
      assertThat(lost.current()).isEqualTo(b("1"));
      assertThat(store.compareAndSwap(b("k"), b("1"), null).swapped()).isTrue();
      assertThat(store.get(b("k"))).isNull();
    }
  }

  @Test
  void committedDataSurvivesAReopen() throws Exception {
    try (KvStore store = KvStore.open(tmp)) {
      store.put(b("kept"), b("\"yes\""));
      store.put(b("gone"), b("1"));
      store.delete(b("gone"));
      store.commit();
    }
    try (KvStore store = KvStore.open(tmp)) {
      assertThat(store.get(b("kept"))).isEqualTo(b("\"yes\""));
      assertThat(store.get(b("gone"))).isNull();
      assertThat(keys(store.scan(null, null))).containsExactly("kept");
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() throws Exception {
    try (KvStore store = KvStore.open(tmp)) {
      store.put(b("a"), b("1"));
      assertThatThrownBy(() -> KvStore.open(tmp)).hasMessageContaining(KvStore.FILE_NAME);
      assertThat(store.get(b("a"))).isEqualTo(b("1"));
    }
  }

  @Test
  void aDirectoryThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertThatThrownBy(() -> KvStore.open(file)).hasMessageContaining("plain");
  }
}
