package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
  private final List<String> requests = new ArrayList<>();
  private final List<Answer> refusals = new ArrayList<>();
  private final EmbeddedChannel channel;

  RequestReaderTest() {
    ConnectionClock clock = new ConnectionClock(0, 0);
    RequestReader reader = new RequestReader(8, clock);
    RequestReader.Requests sink =
        new RequestReader.Requests() {
          @Override
          public void request(RequestHead head, byte[] body) {
            requests.add(head.target() + " " + new String(body, StandardCharsets.UTF_8));
          }

          @Override
          public void refuse(Answer response) {
            refusals.add(response);
          }

          @Override
          public boolean closing() {
            return !refusals.isEmpty();
          }

          @Override
          public boolean quiet() {
            return true;
          }
        };
    clock.listener(
        new ConnectionClock.Listener() {
          @Override
          public void headerTimeout() {}

          @Override
          public boolean quiet() {
            return true;
          }
        });
    reader.requests(sink);
    channel =
        new EmbeddedChannel(
            clock,
            new HttpServerCodec(
                new HttpDecoderConfig().setMaxInitialLineLength(64).setMaxHeaderSize(256)),
            reader);
  }

  private void in(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
  }

  private int refusedWith() {
    assertThat(refusals).hasSize(1);
    return refusals.get(0).status();
  }

  @Test
  void joinsLengthAndChunkedBodiesAndTakesEmptyOnes() {
    in("POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
    in("POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n1\r\nz\r\n0\r\n\r\n");
    in("GET /c HTTP/1.1\r\n\r\n");

    assertThat(requests).containsExactly("/a abc", "/b xyz", "/c ");
    assertThat(refusals).isEmpty();
  }

  @Test
  void bodyOverTheLimitIsRefused413AndNothingMoreIsTaken() {
    in(
        "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n");
    in("GET /next HTTP/1.1\r\n\r\n");

    assertThat(refusedWith()).isEqualTo(413);
    assertThat(requests).isEmpty();
  }

  @Test
  void limitsAndMalformedInputHaveTheirStatuses() {
    in("GET /" + "x".repeat(100) + " HTTP/1.1\r\n\r\n");
    assertThat(refusedWith()).isEqualTo(431);
  }

  @Test
  void headerFlood431() {
    in("GET / HTTP/1.1\r\nX: " + "y".repeat(300) + "\r\n\r\n");
    assertThat(refusedWith()).isEqualTo(431);
  }

  @Test
  void garbage400() {
    in("\u0001\u0002 nonsense\r\n\r\n");
    assertThat(refusedWith()).isEqualTo(400);
  }

  @Test
  void expectContinueIsAnsweredAndUnknownExpectations417() {
    in("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n");
    ByteBuf out = channel.readOutbound();
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 100 Continue");
    out.release();
    in("a");
    assertThat(requests).containsExactly("/a a");
    in("POST /b HTTP/1.1\r\nExpect: other\r\nContent-Length: 1\r\n\r\na");
    assertThat(refusedWith()).isEqualTo(417);
  }
}
