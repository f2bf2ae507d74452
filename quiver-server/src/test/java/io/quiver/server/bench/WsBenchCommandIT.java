package io.quiver.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.testkit.ws.LocalWsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke test of {@code quiver bench ws} against a local echo (no timing assertions). */
class WsBenchCommandIT {
  private LocalWsServer server;
  private final AtomicLong echoed = new AtomicLong();
  private final AtomicLong binaryFrames = new AtomicLong();

  /** Answers every message with a proxy-style JSON error record instead of the echo. */
  private volatile boolean answerWithErrors;

  /** Answers only this many messages in all, then none (a server that stops answering). */
  private volatile long answerOnly = Long.MAX_VALUE;

  /** Answers with the message changed (its 'x' padding turned into 'y'). */
  private volatile boolean corrupt;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startEcho() throws Exception {
    server =
        LocalWsServer.start(
            ch ->
                ch.pipeline()
                    .addLast(new WebSocketServerProtocolHandler("/"))
                    .addLast(
                        new SimpleChannelInboundHandler<WebSocketFrame>() {
                          @Override
                          protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                            if (echoed.incrementAndGet() > answerOnly) {
                              return;
                            }
                            if (corrupt && f instanceof TextWebSocketFrame t) {
                              ctx.writeAndFlush(new TextWebSocketFrame(t.text().replace('x', 'y')));
                              return;
                            }
                            if (f instanceof BinaryWebSocketFrame) {
                              binaryFrames.incrementAndGet();
                            }
                            if (answerWithErrors) {
                              ctx.writeAndFlush(
                                  new TextWebSocketFrame("{\"error\":\"upstream down\"}"));
                            } else {
                              ctx.writeAndFlush(f.retainedDuplicate());
                            }
                          }
                        }));
  }

  @AfterEach
  void stopEcho() throws Exception {
    server.close();
  }

  private int port() {
    return server.port();
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** {@code quiver bench ws} against the echo server with {@code options}. */
  private int benchEcho(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "ws";
    args[1] = "--url";
    args[2] = "ws://127.0.0.1:" + port() + "/";
    System.arraycopy(options, 0, args, 3, options.length);
    return run(args);
  }

  private static long field(String text, String name) {
    Matcher m = Pattern.compile(" " + name + "=([0-9]+)").matcher(text);
    assertThat(m.find()).as(name + " in " + text).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void closedLoopReportsWhatTheEchoAnswered() {
    int status =
        benchEcho(
            "--connections",
            "3",
            "--in-flight",
            "2",
            "--size",
            "64",
            "--duration",
            "0.5",
            "--warmup",
            "0.2");
    assertThat(status).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text)
        .startsWith(
            "quiver bench ws: ws://127.0.0.1:"
                + port()
                + "/ connections=3 in-flight=2 size=64 text closed-loop warmup=0.2s duration=0.5s threads=1\n");
    assertThat(text)
        .contains("\nmsgs/s      ")
        .contains("\nlatency µs  p50 ")
        .contains("\nerrors      0\n");
    assertThat(field(text, "connected")).isEqualTo(3);
    assertThat(field(text, "errors")).isZero();
    long received = field(text, "received");
    assertThat(received).isPositive();
    // every reply counted was echoed (warm-up replies and the ones still in flight are not counted)
    assertThat(echoed.get()).isGreaterThanOrEqualTo(received);
    assertThat(binaryFrames.get()).isZero();
  }

  @Test
  void jsonErrorRecordsInPlaceOfTheEchoAreCountedAsErrors() {
    answerWithErrors = true;
    int status =
        benchEcho(
            "--connections",
            "1",
            "--in-flight",
            "1",
            "--size",
            "16",
            "--duration",
            "0.3",
            "--warmup",
            "0");
    assertThat(status)
        .as(err.toString())
        .isZero(); // the run worked; what it found is in the report
    assertThat(field(out.toString(), "errors")).isPositive();
    assertThat(field(out.toString(), "received")).isZero();
    assertThat(err.toString())
        .contains("an error instead of the echo: {\"error\":\"upstream down\"}");
  }

  @Test
  void openLoopSendsBinaryFramesAtTheRate() {
    int status =
        run(
            "ws",
            "--url",
            "ws://localhost:" + port() + "/",
            "--connections",
            "2",
            "--rate",
            "200",
            "--binary",
            "--duration",
            "0.5",
            "--warmup",
            "0");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("binary open-loop rate=200/s");
    assertThat(field(out.toString(), "received")).isPositive();
    assertThat(binaryFrames.get()).isEqualTo(echoed.get()).isPositive();
  }

  @Test
  void idleConnectionsSendNothing() {
    int status = benchEcho("--connections", "5", "--idle", "--duration", "0.3", "--warmup", "0");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains(" text idle warmup=0s duration=0.3s ");
    assertThat(field(out.toString(), "connected")).isEqualTo(5);
    assertThat(field(out.toString(), "received")).isZero();
    assertThat(echoed.get()).isZero();
  }

  @Test
  void onlyLocalTargetsAreAllowed() {
    int status = run("ws", "--url", "ws://example.com:80/");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "quiver bench ws: the load generator only targets this machine: use 127.0.0.1 or"
                + " localhost (got example.com)\n");
  }

  @Test
  void badOptionsAreExplained() {
    assertThat(run("ws", "--url", "ws://127.0.0.1:1/", "--connections", "0")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("quiver bench ws: --connections must be at least 1 (got 0)\n");
  }

  @Test
  void aServerThatIsNotThereIsAnErrorNotAHang() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    int status = run("ws", "--url", "ws://127.0.0.1:" + closedPort + "/", "--duration", "0.2");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("quiver bench ws: cannot connect to ws://127.0.0.1:" + closedPort + "/: ")
        .endsWith(
            "quiver bench ws: no connection could be opened to ws://127.0.0.1:"
                + closedPort
                + "/; is the server running?\n");
    assertThat(field(out.toString(), "errors")).isEqualTo(1);
  }

  private String verifyLine() {
    return out.toString()
        .lines()
        .filter(l -> l.startsWith("verify: "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verify: line in " + out));
  }

  @Test
  void verifyChecksEveryEchoAndReconnects() {
    int status =
        benchEcho(
            "--verify",
            "--connections",
            "3",
            "--in-flight",
            "2",
            "--size",
            "40",
            "--duration",
            "1",
            "--warmup",
            "0",
            "--reconnect-after",
            "3",
            "--drain",
            "5");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains(" verify reconnect-after=3 drain=5s\n");
    String v = verifyLine();
    long sent = field(v, "sent");
    assertThat(sent).isPositive();
    assertThat(field(v, "echoes")).isEqualTo(sent);
    assertThat(field(v, "lost")).isZero();
    assertThat(field(v, "error_answers")).isZero();
    assertThat(field(v, "wrong_answers")).isZero();
    assertThat(field(v, "unexpected")).isZero();
    assertThat(field(v, "reconnects")).isPositive();
    assertThat(echoed.get()).isEqualTo(sent);
  }

  @Test
  void aServerThatStopsAnsweringShowsAsLostAndTheRunStillEnds() {
    answerOnly = 4;
    int status =
        benchEcho(
            "--verify",
            "--connections",
            "2",
            "--in-flight",
            "3",
            "--duration",
            "1",
            "--warmup",
            "0",
            "--drain",
            "0.3");
    assertThat(status).as(err.toString()).isZero();
    String v = verifyLine();
    // 6 requests went out at once, 4 were answered (each answer sent one more), and then nothing
    assertThat(field(v, "sent")).isEqualTo(10);
    assertThat(field(v, "echoes")).isEqualTo(4);
    assertThat(field(v, "lost")).isEqualTo(6);
    assertThat(field(v, "longest_wait_ms")).isPositive();
  }

  @Test
  void changedEchoesAreWrongAnswersAndErrorRecordsAreErrors() {
    corrupt = true;
    benchEcho(
        "--verify", "--connections", "1", "--duration", "0.3", "--warmup", "0", "--size", "30");
    String v = verifyLine();
    assertThat(field(v, "wrong_answers")).isEqualTo(field(v, "sent")).isPositive();
    assertThat(field(v, "echoes")).isZero();
    assertThat(field(v, "lost")).isZero();
    assertThat(err.toString())
        .contains("a changed echo of request 0 on connection 0: {\"c\":0,\"s\":0,\"p\":\"yy");

    corrupt = false;
    answerWithErrors = true;
    out.getBuffer().setLength(0);
    benchEcho("--verify", "--connections", "1", "--duration", "0.3", "--warmup", "0");
    v = verifyLine();
    assertThat(field(v, "error_answers")).isEqualTo(field(v, "sent")).isPositive();
    assertThat(field(v, "lost")).isZero();
  }

  @Test
  void verifyOptionsAreChecked() {
    assertThat(run("ws", "--url", "ws://127.0.0.1:1/", "--verify", "--rate", "10")).isEqualTo(2);
    assertThat(run("ws", "--url", "ws://127.0.0.1:1/", "--reconnect-after", "5")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "quiver bench ws: --verify runs a closed loop of text messages: it does not combine with --rate,"
                + " --idle or --binary\n"
                + "quiver bench ws: --reconnect-after and --drain need --verify\n");
  }
}
