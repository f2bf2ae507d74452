package io.quiver.connectors.cloud.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.Deployment;
import io.quiver.connectors.cloud.FakeHttpService;
import io.quiver.connectors.cloud.Wal;
import io.quiver.connectors.cloud.google.FakeServiceAccount;
import io.quiver.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gcs offramp against a protocol-level Cloud Storage JSON API and OAuth token endpoint on
 * 127.0.0.1 (not Google itself; Google's storage emulator is not shipped in a form that runs here).
 */
class GcsIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  @TempDir Path tmp;

  private String config(FakeHttpService api) throws Exception {
    var account = new FakeServiceAccount(tmp.resolve("sa"), api.url() + "/token", "proj");
    return """
            type: gcs
            config:
              endpoint: "%s"
              credentials: "%s"
        """
        .formatted(api.url(), account.file);
  }

  @Test
  void uploadDownloadAndFetchRoundTripWithATokenFromTheServiceAccount() throws Exception {
    FakeStorage storage = new FakeStorage();
    try (var api = new FakeHttpService(storage);
        var d =
            Deployment.offramp(
                tmp,
                List.of(
                    "{\"command\":\"upload_object\",\"bucket\":\"bkt\",\"object\":\"dir/x.json\",\"body\":{\"a\":1}}",
                    "{\"command\":\"download_object\",\"bucket\":\"bkt\",\"object\":\"dir/x.json\"}",
                    "{\"command\":\"fetch\",\"bucket\":\"bkt\",\"object\":\"dir/x.json\"}"),
                Wal.PASS,
                config(api))) {
      Await.until("three replies", WITHIN, () -> Deployment.lines(d.out).size() >= 3);
      List<String> out = Deployment.lines(d.out);
      assertThat(out.get(0))
          .isEqualTo(
              "[{\"cmd\":\"upload_object\",\"data\":{\"kind\":\"storage#object\",\"bucket\":\"bkt\",\"name\":\"dir/x.json\"}}]");
      assertThat(out.get(1)).isEqualTo("[{\"cmd\":\"download_object\",\"data\":[{\"a\":1}]}]");
      assertThat(out.get(2))
          .startsWith("[{\"cmd\":\"fetch\",\"data\":{\"kind\":\"storage#object\"");
      var token = api.requests.get(0);
      assertThat(token.uri()).isEqualTo("/token");
      var upload = api.requests.get(1);
      assertThat(upload.method()).isEqualTo("POST");
      assertThat(upload.uri())
          .isEqualTo("/upload/storage/v1/b/bkt/o?uploadType=media&name=dir%2Fx.json");
      assertThat(upload.header("Authorization")).isEqualTo("Bearer tok-1");
      assertThat(upload.header("Content-Type")).isEqualTo("application/json");
      assertThat(upload.text()).isEqualTo("{\"a\":1}");
      assertThat(api.requests.get(2).uri()).isEqualTo("/storage/v1/b/bkt/o/dir%2Fx.json?alt=media");
      assertThat(api.requests.stream().filter(r -> r.uri().equals("/token")).count()).isEqualTo(1);
      assertThat(new String(storage.objects.get("bkt/dir/x.json"), StandardCharsets.UTF_8))
          .isEqualTo("{\"a\":1}");
    }
  }

  @Test
  void badCommandsAndRefusedCallsBecomeErrorEventsAndTheRestFlows() throws Exception {
    try (var api = new FakeHttpService(new FakeStorage());
        var d =
            Deployment.offramp(
                tmp,
                List.of(
                    "{\"command\":\"nope\"}",
                    "{\"command\":\"fetch\",\"bucket\":\"b\"}",
                    "{\"command\":\"fetch\",\"bucket\":\"b\",\"object\":\"missing\"}",
                    "{\"command\":\"list_objects\",\"bucket\":\"b\"}"),
                Wal.PASS,
                config(api))) {
      Await.until("three errors", WITHIN, () -> Deployment.lines(d.err).size() >= 3);
      Await.until("one reply", WITHIN, () -> Deployment.lines(d.out).size() >= 1);
      List<String> err = Deployment.lines(d.err);
      assertThat(err.get(0))
          .contains("\"error\":\"Unknown Google Cloud Storage command: `nope` attempted\"");
      assertThat(err.get(1)).contains("\"error\":\"Invalid Command, expected `object` field\"");
      assertThat(err.get(2))
          .contains("Google Cloud Storage GET /storage/v1/b/b/o/missing failed: HTTP 404");
      assertThat(Deployment.lines(d.out).get(0))
          .isEqualTo(
              "[{\"cmd\":\"list_objects\",\"data\":{\"kind\":\"storage#objects\",\"items\":[]}}]");
    }
  }

  @Test
  void nothingIsLostWhileTheServiceIsAwayBehindAWal() throws Exception {
    int total = 20;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      inputs.add(
          "{\"command\":\"upload_object\",\"bucket\":\"b\",\"object\":\"o"
              + i
              + "\",\"body\":"
              + i
              + "}");
    }
    FakeStorage storage = new FakeStorage();
    try (var api = new FakeHttpService(storage)) {
      String config = config(api);
      api.stop();
      try (var d = Deployment.offramp(tmp, inputs, Wal.WAL, config)) {
        Await.until("an error while away", WITHIN, () -> !Deployment.lines(d.err).isEmpty());
        assertThat(Deployment.lines(d.err).get(0)).contains("service unreachable");
        api.restart();
        Await.until(
            "all " + total + " objects stored",
            Duration.ofSeconds(60),
            () -> storage.objects.size() == total);
        for (int i = 0; i < total; i++) {
          assertThat(new String(storage.objects.get("b/o" + i), StandardCharsets.UTF_8))
              .isEqualTo(Integer.toString(i));
        }
      }
    }
  }

  @Test
  void aMissingCredentialsFileIsRefusedAtStartupNamingTheKey() {
    assertThatThrownBy(
            () ->
                Deployment.offramp(
                    tmp,
                    List.of(),
                    Wal.PASS,
                    "    type: gcs\n    config:\n      credentials: "
                        + tmp.resolve("none.json")
                        + "\n      endpoint: ftp://x\n"))
        .hasMessageContaining("for configuration credentials: file not found")
        .hasMessageContaining(
            "for configuration endpoint: value must be an http:// or https:// URL");
  }
}
