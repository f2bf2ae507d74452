package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processes of a case see: Tremor's JSON for integration cases, Quiver's for benches. */
class CaseProcessesTest {
  @TempDir Path dir;

  private String seen(CaseProcesses processes) throws Exception {
    Path out = dir.resolve("out.log");
    Process p =
        processes.start(
            List.of("sh", "-c", "echo \"$QUIVER_TREMOR_JSON\""),
            dir,
            Map.of(),
            out,
            dir.resolve("err.log"));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Files.readString(out).strip();
  }

  @Test
  void aCaseRunsItsQuiversWithTremorsJsonUnlessTurnedOff() throws Exception {
    try (CaseProcesses processes = new CaseProcesses()) {
      assertThat(seen(processes)).isEqualTo("true");
    }
    try (CaseProcesses processes = new CaseProcesses().withQuiverJson()) {
      assertThat(seen(processes)).isEqualTo("false");
    }
    CaseProcesses.useTremorJson(false);
    try (CaseProcesses processes = new CaseProcesses()) {
      assertThat(seen(processes)).isEqualTo("false");
    } finally {
      CaseProcesses.useTremorJson(true);
    }
  }

  @Test
  void theCasesOwnEnvironmentWins() throws Exception {
    try (CaseProcesses processes = new CaseProcesses()) {
      Path out = dir.resolve("own.log");
      Process p =
          processes.start(
              List.of("sh", "-c", "echo \"$QUIVER_TREMOR_JSON\""),
              dir,
              Map.of("QUIVER_TREMOR_JSON", "false"),
              out,
              dir.resolve("err.log"));
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(out).strip()).isEqualTo("false");
    }
  }
}
