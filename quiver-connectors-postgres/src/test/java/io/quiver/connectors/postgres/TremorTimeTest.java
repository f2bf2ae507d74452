package io.quiver.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TremorTimeTest {

  @Test
  void readsTheCursorFormatWithOrWithoutAFraction() throws Exception {
    assertThat(TremorTime.parse("2019-12-01 00:00:00.000000 +00:00"))
        .isEqualTo(OffsetDateTime.of(2019, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(TremorTime.parse("2020-04-08 10:11:12.5 -02:30"))
        .isEqualTo(
            OffsetDateTime.of(
                2020, 4, 8, 10, 11, 12, 500_000_000, ZoneOffset.ofHoursMinutes(-2, -30)));
    assertThat(TremorTime.parse("2020-02-10 20:02:02 +00:00"))
        .isEqualTo(OffsetDateTime.of(2020, 2, 10, 20, 2, 2, 0, ZoneOffset.UTC));
    assertThat(TremorTime.parse("2021-01-02 03:04:05 UTC"))
        .isEqualTo(OffsetDateTime.of(2021, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
  }

  @Test
  void refusesWhatChronoRefusesWithItsWords() {
    assertThatThrownBy(() -> TremorTime.parse("yesterday"))
        .hasMessage("input contains invalid characters");
    assertThatThrownBy(() -> TremorTime.parse("2019-12-01")).hasMessage("premature end of input");
    assertThatThrownBy(() -> TremorTime.parse("2019-12-01 00:00:00 +00:00 extra"))
        .hasMessage("trailing input");
    assertThatThrownBy(() -> TremorTime.parse("2019-13-01 00:00:00 +00:00"))
        .hasMessage("input is out of range");
  }

  @Test
  void writesTheCursorFormatAndChronosDisplayForms() {
    OffsetDateTime t = OffsetDateTime.of(2020, 2, 10, 20, 2, 2, 0, ZoneOffset.UTC);
    assertThat(TremorTime.cursor(t)).isEqualTo("2020-02-10 20:02:02.000000 +00:00");
    assertThat(TremorTime.display(t)).isEqualTo("2020-02-10 20:02:02 +00:00");
    assertThat(TremorTime.display(t.withNano(250_000_000)))
        .isEqualTo("2020-02-10 20:02:02.250 +00:00");
    assertThat(TremorTime.display(t.withNano(250_100_000)))
        .isEqualTo("2020-02-10 20:02:02.250100 +00:00");
    assertThat(TremorTime.display(t.withNano(1))).isEqualTo("2020-02-10 20:02:02.000000001 +00:00");
    assertThat(TremorTime.cursor(t.withOffsetSameLocal(ZoneOffset.ofHours(-5))))
        .isEqualTo("2020-02-10 20:02:02.000000 -05:00");
    assertThat(TremorTime.displayUtc(LocalDateTime.of(2021, 1, 2, 3, 4, 5)))
        .isEqualTo("2021-01-02 03:04:05 UTC");
  }
}
