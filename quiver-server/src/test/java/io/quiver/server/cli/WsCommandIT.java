package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.ws.EchoWsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WsCommandIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CountDownLatch releaseStdin = new CountDownLatch(1);

  @AfterEach
  void release() {
    releaseStdin.countDown();
  }

  private int run(InputStream stdin, String... args) {
    WsCommand command =
        new WsCommand(
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandLine(command).execute(args);
  }

  private int run(String stdin, String... args) {
    return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  /** {@code data}, then a stdin that stays open (a user who has not typed anything more). */
  private InputStream openStdin(byte[] data) {
    InputStream never =
        new InputStream() {
          @Override
          public int read() throws java.io.IOException {
            try {
              releaseStdin.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return -1;
          }
        };
    return new SequenceInputStream(new ByteArrayInputStream(data), never);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sendsEachLineWithItsNewlineAndPrintsEachReplyOnItsOwnLine() throws Exception {
    try (EchoWsServer server = EchoWsServer.echo()) {
      int code = run("hello\nsnot\n", server.url());

      assertThat(code).isZero();
      assertThat(server.next())
          .satisfies(
              m -> {
                assertThat(m.binary()).isFalse();
                assertThat(m.text()).isEqualTo("hello\n");
              });
      assertThat(server.next().text()).isEqualTo("snot\n");
      assertThat(out()).isEqualTo("hello\n\nsnot\n\n");
      assertThat(err()).isEmpty();
    }
  }

  @Test
  void atTheEndOfStdinRepliesStillDueAreAwaitedBeforeClosing() throws Exception {
    try (EchoWsServer server = EchoWsServer.slow(Duration.ofMillis(300))) {
      int code = run("a\nb\n", "--strip-newlines", server.url());

      assertThat(code).isZero();
      assertThat(out()).isEqualTo("a\nb\n");
    }
  }

  @Test
  void aLastLineWithoutNewlineIsSentAsItIs() throws Exception {
    try (EchoWsServer server = EchoWsServer.echo()) {
      assertThat(run("a\nb", server.url())).isZero();

      assertThat(server.next().text()).isEqualTo("a\n");
      assertThat(server.next().text()).isEqualTo("b");
      assertThat(out()).isEqualTo("a\n\nb\n");
    }
  }

  @Test
  void stripNewlinesSendsLinesWithoutTheirNewline() throws Exception {
    try (EchoWsServer server = EchoWsServer.echo()) {
      int code = run("hello\r\nworld\n\n", "--strip-newlines", server.url());

      assertThat(code).isZero();
      assertThat(server.next().text()).isEqualTo("hello");
      assertThat(server.next().text()).isEqualTo("world");
      assertThat(server.next().text()).isEmpty();
      assertThat(out()).isEqualTo("hello\nworld\n\n");
    }
  }

  @Test
  void oneExitsAfterTheFirstReplyWhileStdinIsStillOpen() throws Exception {
    try (EchoWsServer server = EchoWsServer.replying(2)) {
      int code = run(openStdin("hello\n".getBytes(StandardCharsets.UTF_8)), "-1", server.url());

      assertThat(code).isZero();
      assertThat(out()).isEqualTo("hello\n\n");
      assertThat(err()).isEmpty();
    }
  }

  @Test
  void oneWaitsForTheReplyAfterStdinEnds() throws Exception {
    try (EchoWsServer server = EchoWsServer.echo()) {
      int code = run("hello\n", "--one", "--strip-newlines", server.url());

      assertThat(code).isZero();
      assertThat(out()).isEqualTo("hello\n");
    }
  }

  @Test
  void binarySendsBinaryFramesAndPrintsBinaryRepliesAsRawBytes() throws Exception {
    byte[] line = {(byte) 0xff, 0, 'x', '\n'};
    try (EchoWsServer server = EchoWsServer.echo()) {
      int code = run(new ByteArrayInputStream(line), "-1", "--binary", server.url());

      assertThat(code).isZero();
      EchoWsServer.Received m = server.next();
      assertThat(m.binary()).isTrue();
      assertThat(m.data()).containsExactly(line);
      assertThat(out.toByteArray()).containsExactly((byte) 0xff, 0, 'x', '\n', '\n');
    }
  }

  @Test
  void aLineThatIsNotUtf8IsReportedAndSkippedInTextMode() throws Exception {
    byte[] input = {'a', (byte) 0xc3, '\n', 'o', 'k', '\n'};
    try (EchoWsServer server = EchoWsServer.echo()) {
      int code = run(new ByteArrayInputStream(input), "-1", "--strip-newlines", server.url());

      assertThat(code).isZero();
      assertThat(err())
          .isEqualTo(
              "quiver ws: line 1 is not valid UTF-8 and was not sent (use --binary to send raw bytes)\n");
      assertThat(server.next().text()).isEqualTo("ok");
      assertThat(out()).isEqualTo("ok\n");
    }
  }

  @Test
  void noReplyWithinTheTimeoutExitsWith2() throws Exception {
    try (EchoWsServer server = EchoWsServer.replying(0)) {
      int code =
          run(
              openStdin("hello\n".getBytes(StandardCharsets.UTF_8)),
              "-1",
              "--timeout",
              "0.5",
              server.url());

      assertThat(code).isEqualTo(2);
      assertThat(server.next().text()).isEqualTo("hello\n");
      assertThat(err()).isEqualTo("quiver ws: no reply from " + server.url() + " within 0.5 s\n");
      assertThat(out()).isEmpty();
    }
  }

  @Test
  void theServerClosingBeforeTheReplyExitsWith1() throws Exception {
    try (EchoWsServer server = EchoWsServer.closing()) {
      int code = run(openStdin("hello\n".getBytes(StandardCharsets.UTF_8)), "-1", server.url());

      assertThat(code).isEqualTo(1);
      assertThat(err())
          .isEqualTo(
              "quiver ws: "
                  + server.url()
                  + " closed the connection before replying (code 1000: bye)\n");
    }
  }

  @Test
  void withoutOneTheServerClosingEndsTheSessionNormally() throws Exception {
    try (EchoWsServer server = EchoWsServer.closing()) {
      int code = run(openStdin("hello\n".getBytes(StandardCharsets.UTF_8)), server.url());

      assertThat(code).isZero();
      assertThat(err()).isEmpty();
      assertThat(out()).isEmpty();
    }
  }

  @Test
  void aServerThatIsNotAWebsocketServerIsReported() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread responder =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (java.net.Socket s = plain.accept()) {
                      s.getOutputStream()
                          .write(
                              "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                                  .getBytes(StandardCharsets.US_ASCII));
                      s.getInputStream().read(); // until the client hangs up
                    } catch (java.io.IOException e) {
                      // the client went away
                    }
                  });
      String url = "ws://127.0.0.1:" + plain.getLocalPort() + "/";

      int code = run("hello\n", url);

      assertThat(code).isEqualTo(1);
      assertThat(err())
          .isEqualTo(
              "quiver ws: cannot connect to "
                  + url
                  + ": the server did not accept the websocket handshake (HTTP 404)\n");
      responder.join(5000);
    }
  }

  @Test
  void oneWaitsTenSecondsByDefault() {
    assertThat(WsCommand.ONE_MESSAGE_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aRefusedConnectionExitsWith1AndSaysSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "ws://127.0.0.1:" + port;

    int code = run("hello\n", "-1", url);

    assertThat(code).isEqualTo(1);
    assertThat(err()).isEqualTo("quiver ws: cannot connect to " + url + ": Connection refused\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void anInvalidUrlExitsWith1AndSaysWhatIsExpected() {
    assertThat(run("", "x")).isEqualTo(1);
    assertThat(run("", "http://localhost:9139")).isEqualTo(1);

    assertThat(err())
        .isEqualTo(
            "quiver ws: invalid URL \"x\": expected ws://host:port/path\n"
                + "quiver ws: invalid URL \"http://localhost:9139\": expected ws://host:port/path\n");
  }

  @Test
  void aNonPositiveTimeoutIsRejected() {
    assertThat(run("", "--timeout", "0", "ws://127.0.0.1:1")).isEqualTo(1);
    assertThat(err())
        .isEqualTo("quiver ws: --timeout must be a positive number of seconds, got 0.0\n");
  }
}
