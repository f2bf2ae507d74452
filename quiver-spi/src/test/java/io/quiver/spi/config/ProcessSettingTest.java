package io.quiver.spi.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSettingTest {
  private final ProcessSetting<Long> bytes =
      new ProcessSetting<>(
          "quiver.test.bytes",
          "a positive integer",
          "1024",
          "test",
          "not a positive number of bytes",
          ProcessSetting::positiveLong);

  @Test
  void anAbsentPropertyGivesTheFallbackSilently() {
    assertThat(bytes.read(null, 1024L, "1024"))
        .isEqualTo(new ProcessSetting.Reading<>(1024L, null));
  }

  @Test
  void aValidValueIsParsed() {
    assertThat(bytes.read(" 77 ", 1024L, "1024").value()).isEqualTo(77L);
    assertThat(bytes.read(" 77 ", 1024L, "1024").warning()).isNull();
  }

  @Test
  void aBadValueGivesTheFallbackAndAWarningNamingThePropertyTheValueAndWhy() {
    for (String bad : new String[] {"lots", "0", "-3", ""}) {
      assertThat(bytes.read(bad, 1024L, "1024 (the default)"))
          .isEqualTo(
              new ProcessSetting.Reading<>(
                  1024L,
                  "ignoring -Dquiver.test.bytes="
                      + bad
                      + ": not a positive number of bytes; using 1024 (the default)"));
    }
  }

  @Test
  void rawReadsTheSystemProperty() {
    System.setProperty("quiver.test.bytes", "5");
    try {
      assertThat(bytes.raw()).isEqualTo("5");
    } finally {
      System.clearProperty("quiver.test.bytes");
    }
    assertThat(bytes.raw()).isNull();
  }
}
