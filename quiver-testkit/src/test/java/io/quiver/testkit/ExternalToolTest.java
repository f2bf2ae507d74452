package io.quiver.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs of the machine as references: found on the PATH, run as filters (sh and cat). */
class ExternalToolTest {
  @Test
  void findsAProgramOnThePathAndNothingForAnUnknownName() {
    assertThat(ExternalTool.find("no-such-tool-here", "sh")).get().asString().endsWith("/sh");
    assertThat(ExternalTool.find("no-such-tool-here")).isEmpty();
  }

  @Test
  void aFilterReturnsWhatTheProgramWritesForItsInput() throws Exception {
    byte[] in = "badger\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ExternalTool.filter(in, List.of("cat"))).isEqualTo(in);
  }

  @Test
  void aFailingProgramIsAnErrorWithItsStatusAndStandardError() {
    assertThatThrownBy(
            () -> ExternalTool.filter(new byte[0], List.of("sh", "-c", "echo oops >&2; exit 3")))
        .isInstanceOf(IOException.class)
        .hasMessage("sh -c echo oops >&2; exit 3 exited with 3: oops\n");
  }

  @Test
  void aProgramThatExitsWithoutReadingIsReportedByItsStatus() {
    byte[] big = new byte[4 << 20]; // more than a pipe holds: the write fails or not, either way
    assertThatThrownBy(() -> ExternalTool.filter(big, List.of("sh", "-c", "exit 4")))
        .isInstanceOf(IOException.class)
        .hasMessage("sh -c exit 4 exited with 4: ");
  }
}
