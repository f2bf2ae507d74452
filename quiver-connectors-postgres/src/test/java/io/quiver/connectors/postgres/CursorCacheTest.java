package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorCacheTest {
  private static final String FROM = "2019-12-01 00:00:00.000000 +00:00";
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

  @TempDir Path dir;

  private PostgresOnrampSettings settings(String from, int size) throws Exception {
    return new PostgresOnrampSettings(
        new PgServer("127.0.0.1", 5432, "u", "p", "db"),
        "SELECT 1",
        1000,
        TremorTime.parse(from),
        from,
        dir.resolve("cache.json"),
        size,
        0);
  }

  @Test
  void theFirstWindowRunsFromConsumeFromToNowAndIsWrittenAtOnce() throws Exception {
    try (CursorCache.Opened o = open(settings(FROM, 4096))) {
      assertThat(o.resumed()).isFalse();
      assertThat(o.cursor()).isEqualTo(new Cursor(TremorTime.parse(FROM), NOW));
    }
    String text = Files.readString(dir.resolve("cache.json"));
    assertThat(text).hasSize(4096);
    assertThat(text.strip())
        .isEqualTo(
            "{\"consume_from\":\"2019-12-01 00:00:00.000000 +00:00\",\"consume_until\":\"2026-01-02"
                + " 03:04:05.000000 +00:00\",\"configured_from\":\"2019-12-01 00:00:00.000000"
                + " +00:00\"}");
  }

  @Test
  void aStoredCursorIsResumedWhileConsumeFromIsTheSame() throws Exception {
    Cursor later;
    try (CursorCache.Opened o = open(settings(FROM, 4096))) {
      later = o.cursor().next(1000).next(1000);
      o.cache().store(later);
    }
    try (CursorCache.Opened o = open(settings(FROM, 4096))) {
      assertThat(o.resumed()).isTrue();
      assertThat(o.cursor()).isEqualTo(later);
    }
    String other = "2020-01-01 00:00:00.000000 +00:00";
    try (CursorCache.Opened o = open(settings(other, 4096))) {
      assertThat(o.resumed()).isFalse();
      assertThat(o.cursor().from()).isEqualTo(TremorTime.parse(other));
    }
  }

  @Test
  void aCursorLargerThanTheFileIsRefusedAsTremorDoes() {
    assertThatThrownBy(() -> open(settings(FROM, 20)))
        .hasMessageStartingWith("object too large to store in memory-mapped file");
  }

  @Test
  void aFileThatIsNotACursorStartsFromConsumeFrom() throws Exception {
    Files.writeString(dir.resolve("cache.json"), "garbage");
    try (CursorCache.Opened o = open(settings(FROM, 4096))) {
      assertThat(o.resumed()).isFalse();
    }
  }

  private static CursorCache.Opened open(PostgresOnrampSettings s) throws Exception {
    return CursorCache.open(s, NOW);
  }
}
