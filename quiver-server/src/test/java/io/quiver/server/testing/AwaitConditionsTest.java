package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwaitConditionsTest {
  @TempDir Path dir;

  private String await(Map<String, List<String>> conditions, long maxSecs) throws Exception {
    ProcessSpec spec = new ProcessSpec("x", List.of(), Map.of(), conditions, maxSecs, 0);
    return new AwaitConditions(spec, dir).await(() -> true);
  }

  @Test
  void anOpenPortAndAnExistingFileAreMet() throws Exception {
    Files.writeString(dir.resolve("ready"), "");
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      assertThat(
              await(
                  Map.of(
                      "port-open", List.of(String.valueOf(s.getLocalPort())),
                      "file-exists", List.of("ready"),
                      "some-future-condition", List.of("x")),
                  5))
          .isNull();
    }
  }

  @Test
  void unmetConditionsFailAtTheUpperBoundNamingWhatIsMissing() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String why =
        await(
            Map.of(
                "port-open", List.of(String.valueOf(closed)),
                "http-ok", List.of("http://127.0.0.1:" + closed + "/")),
            1);
    assertThat(why)
        .startsWith("Upper bound exceeded error: after 1 s (max-await-secs) still waiting for ")
        .contains("port-open " + closed)
        .contains("http-ok http://127.0.0.1:" + closed + "/");
  }

  @Test
  void waitForMsHoldsOnceThatTimeHasPassed() throws Exception {
    long start = System.nanoTime();
    assertThat(await(Map.of("wait-for-ms", List.of("300")), 5)).isNull();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(300_000_000L);
  }

  @Test
  void conditionsMetAtOnceNeedNoMaxAwaitSecs() throws Exception {
    Files.writeString(dir.resolve("ready"), "");
    assertThat(await(Map.of("file-exists", List.of("ready")), 0)).isNull();
    assertThat(await(Map.of("file-exists", List.of("missing")), 0))
        .contains("still waiting for file-exists missing");
  }
}
