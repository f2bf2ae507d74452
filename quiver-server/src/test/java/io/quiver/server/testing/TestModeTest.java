package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestModeTest {
  @Test
  void tremorsAliasesMapToTheirKinds() {
    assertThat(TestMode.parse("all")).isEqualTo(TestMode.ALL);
    assertThat(TestMode.parse("api")).isEqualTo(TestMode.COMMAND);
    assertThat(TestMode.parse("REST")).isEqualTo(TestMode.COMMAND);
    assertThat(TestMode.parse("command")).isEqualTo(TestMode.COMMAND);
    assertThat(TestMode.parse("benchmark")).isEqualTo(TestMode.BENCH);
    assertThat(TestMode.parse("bench")).isEqualTo(TestMode.BENCH);
    assertThat(TestMode.parse("it")).isEqualTo(TestMode.INTEGRATION);
    assertThat(TestMode.parse("Integration")).isEqualTo(TestMode.INTEGRATION);
    assertThat(TestMode.parse("unit")).isEqualTo(TestMode.UNIT);
  }

  @Test
  void anUnknownModeIsRefusedWithTremorsText() {
    assertThatThrownBy(() -> TestMode.parse("smoke"))
        .hasMessage(
            "Unknown test kind `smoke`, please choose one of `all`, `api`, `bench`, `command`,"
                + " `integration`, `rest`, or `unit`");
  }

  @Test
  void allRunsEveryKindAndAKindOnlyItself() {
    assertThat(TestMode.ALL.runs(TestMode.UNIT)).isTrue();
    assertThat(TestMode.BENCH.runs(TestMode.BENCH)).isTrue();
    assertThat(TestMode.BENCH.runs(TestMode.INTEGRATION)).isFalse();
  }
}
