package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http1DecoderTest {
  private final List<String> requests = new ArrayList<>();
  private final List<Answer> refusals = new ArrayList<>();
  private boolean closeAfterRequest;
  private boolean closing;

  private EmbeddedChannel channel(int maxBody, int maxLine, int maxHeaders) {
    ConnectionClock clock = new ConnectionClock(0, 0);
    Http1Decoder decoder = new Http1Decoder(maxBody, maxLine, maxHeaders, clock);
    decoder.requests(
        new RequestReader.Requests() {
          @Override
          public void request(RequestHead head, byte[] body) {
            requests.add(
                head.method()
                    + " "
                    + head.target()
                    + " "
                    + new String(body, StandardCharsets.ISO_8859_1));
            closing |= closeAfterRequest || !head.keepAlive();
          }

          @Override
          public void refuse(Answer response) {
            refusals.add(response);
            closing = true;
          }

          @Override
          public boolean closing() {
            return closing;
          }

          @Override
          public boolean quiet() {
            return true;
          }
        });
    clock.listener(
        new ConnectionClock.Listener() {
          @Override
          public void headerTimeout() {}

          @Override
          public boolean quiet() {
            return true;
          }
        });
    return new EmbeddedChannel(clock, decoder);
  }

  private EmbeddedChannel channel() {
    return channel(16, 64, 256);
  }

  private static void in(EmbeddedChannel ch, String text) {
    ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
  }

  private Answer refusal() {
    assertThat(refusals).hasSize(1);
    return refusals.get(0);
  }

  private static final String PIPELINE =
      "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
          + "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;ext=1\r\nxy\r\n1\r\nz\r\n0"
          + "\r\nTrailer: t\r\n\r\n"
          + "\r\nGET /c HTTP/1.1\nHost: h\n\n"
          + "PUT /d HTTP/1.1\r\nContent-Length: 0\r\n\r\n";

  private static final List<String> PIPELINED =
      List.of("POST /a abc", "POST /b xyz", "GET /c ", "PUT /d ");

  @Test
  void joinsLengthAndChunkedBodiesOfPipelinedRequests() {
    EmbeddedChannel ch = channel();
    in(ch, PIPELINE);
    assertThat(requests).isEqualTo(PIPELINED);
    assertThat(refusals).isEmpty();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void splitAtEveryByteBoundaryGivesTheSameRequests() {
    for (int cut = 1; cut < PIPELINE.length(); cut++) {
      requests.clear();
      EmbeddedChannel ch = channel();
      in(ch, PIPELINE.substring(0, cut));
      in(ch, PIPELINE.substring(cut));
      assertThat(requests).as("cut at %d", cut).isEqualTo(PIPELINED);
      assertThat(refusals).isEmpty();
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void oneByteAtATimeGivesTheSameRequests() {
    EmbeddedChannel ch = channel();
    for (int i = 0; i < PIPELINE.length(); i++) {
      in(ch, PIPELINE.substring(i, i + 1));
    }
    assertThat(requests).isEqualTo(PIPELINED);
    assertThat(refusals).isEmpty();
  }

  @Test
  void nothingAfterARequestThatClosesTheConnectionIsTaken() {
    EmbeddedChannel ch = channel();
    in(ch, "GET /1 HTTP/1.1\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\n\r\n");
    in(ch, "GET /3 HTTP/1.1\r\n\r\n");
    assertThat(requests).containsExactly("GET /1 ");
  }

  @Test
  void bodyOverTheLimitIs413AnnouncedOrChunkedAndNothingMoreIsTaken() {
    EmbeddedChannel ch = channel();
    in(ch, "POST /a HTTP/1.1\r\nContent-Length: 17\r\n\r\n");
    assertThat(refusal().status()).isEqualTo(413);

    refusals.clear();
    closing = false;
    ch = channel();
    in(ch, "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n123456789\r\n8\r\n");
    in(ch, "12345678\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
    assertThat(refusal().status()).isEqualTo(413);
    assertThat(requests).isEmpty();
  }

  @Test
  void chunkedBodyExactlyAtTheLimitIsTaken() {
    EmbeddedChannel ch = channel();
    in(
        ch,
        "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
    assertThat(requests).containsExactly("POST /a 0123456789abcdef");
  }

  @Test
  void requestLineTooLongIs431EvenBeforeItsEnd() {
    EmbeddedChannel ch = channel();
    in(ch, "GET /" + "x".repeat(100));
    assertThat(refusal().status()).isEqualTo(431);
    assertThat(new String(refusal().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"Request line too long\"}");
  }

  @Test
  void headersTooLargeAre431WholeOrInParts() {
    EmbeddedChannel ch = channel();
    in(ch, "GET / HTTP/1.1\r\nX: " + "y".repeat(300) + "\r\n\r\n");
    assertThat(refusal().status()).isEqualTo(431);
    assertThat(new String(refusal().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"Request header fields too large\"}");

    refusals.clear();
    closing = false;
    ch = channel();
    in(ch, "GET / HTTP/1.1\r\n");
    for (int i = 0; i < 30 && refusals.isEmpty(); i++) {
      in(ch, "X-" + i + ": 0123456789\r\n"); // many small headers, never the empty line
    }
    assertThat(refusal().status()).isEqualTo(431);
  }

  @Test
  void malformedInputIs400WithTheReason() {
    for (String bad :
        new String[] {
          "\u0001\u0002 nonsense\r\n\r\n",
          "GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n",
          "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
          "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
          "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n",
          "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
          "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n"
        }) {
      refusals.clear();
      closing = false;
      EmbeddedChannel ch = channel();
      in(ch, bad);
      assertThat(refusal().status()).as(bad).isEqualTo(400);
      assertThat(new String(refusal().body(), StandardCharsets.UTF_8))
          .startsWith("{\"error\":\"Bad request: ");
      assertThat(requests).isEmpty();
    }
  }

  @Test
  void expectContinueIsAnsweredAndUnknownExpectations417() {
    EmbeddedChannel ch = channel();
    in(ch, "POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n");
    ByteBuf out = ch.readOutbound();
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    out.release();
    in(ch, "a");
    assertThat(requests).containsExactly("POST /a a");
    in(ch, "POST /b HTTP/1.1\r\nExpect: other\r\nContent-Length: 1\r\n\r\na");
    assertThat(refusal().status()).isEqualTo(417);
  }

  @Test
  void aRefusalDropsWhatFollowsAndReleasesTheBuffers() {
    EmbeddedChannel ch = channel();
    ByteBuf tail = Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII);
    in(ch, "BAD\r\n\r\n");
    ch.writeInbound(tail);
    assertThat(tail.refCnt()).isZero();
    assertThat(requests).isEmpty();
    assertThat(refusal().status()).isEqualTo(400);
  }
}
