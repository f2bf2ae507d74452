package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which messages a {@code lines} pair gives back unchanged (and so may pass fused). */
class FusedForwarderTest {
  private static boolean oneLine(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return FusedForwarder.oneLine(b, b.length);
  }

  @Test
  void oneLineEndingInNewlinePasses() {
    assertThat(oneLine("hello\n")).isTrue();
    assertThat(oneLine("\n")).as("an empty line: one empty event, ended again").isTrue();
  }

  @Test
  void anythingTheLinesPairWouldChangeDoesNot() {
    assertThat(oneLine("")).isFalse();
    assertThat(oneLine("hello")).as("gets a newline at the offramp").isFalse();
    assertThat(oneLine("a\nb\n")).as("two events, two frames").isFalse();
    assertThat(oneLine("a\nb")).isFalse();
    assertThat(oneLine("hello\r\n")).as("\\r stays in the line: passes as it is").isTrue();
  }

  @Test
  void onlyTheFirstLengthBytesCount() {
    byte[] reused = "ok\nstale bytes\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FusedForwarder.oneLine(reused, 3)).isTrue();
    assertThat(FusedForwarder.oneLine(reused, 2)).isFalse();
  }

  @Test
  void aLineOverThePreprocessorsLimitDoesNot() {
    byte[] longest = new byte[FusedForwarder.LINES_MAX_LENGTH + 1];
    longest[longest.length - 1] = '\n';
    assertThat(FusedForwarder.oneLine(longest, longest.length)).isTrue();
    byte[] tooLong = new byte[FusedForwarder.LINES_MAX_LENGTH + 2];
    tooLong[tooLong.length - 1] = '\n';
    assertThat(FusedForwarder.oneLine(tooLong, tooLong.length)).isFalse();
  }
}
