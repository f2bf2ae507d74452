package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.value.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeHandlerTest {
  private final List<String> heard = new ArrayList<>();
  private final ExchangeHandler handler = new ExchangeHandler(64);
  private final EmbeddedChannel channel = new EmbeddedChannel(handler);

  private final ExchangeHandler.Listener listener =
      new ExchangeHandler.Listener() {
        @Override
        public void onResponse(UpstreamResponse response) {
          heard.add(
              response.status()
                  + " "
                  + Json.write(response.headers())
                  + " "
                  + new String(response.body(), StandardCharsets.UTF_8)
                  + " keepAlive="
                  + response.keepAlive());
        }

        @Override
        public void onFailure(String cause, boolean beforeResponse) {
          heard.add("failure " + cause + " before=" + beforeResponse);
        }
      };

  private void receive(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
  }

  @Test
  void aWholeResponseGoesToTheListenerWithLowerCaseHeaderLists() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 201 Created\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 2\r\n\r\n");
    assertThat(heard).isEmpty();
    receive("ok");
    assertThat(heard)
        .containsExactly(
            "201 {\"x-a\":[\"1\",\"2\"],\"content-length\":[\"2\"]} ok keepAlive=true");
    assertThat(handler.idle()).isTrue();
  }

  @Test
  void connectionCloseIsNotReusable() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    assertThat(heard.get(0)).endsWith("keepAlive=false");
  }

  @Test
  void garbageFailsTheRequestAndClosesTheConnection() {
    handler.begin(listener, "GET");
    receive("SNOT BADGER\r\n\r\n");
    assertThat(heard).singleElement().asString().startsWith("failure invalid HTTP response:");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aBodyOverTheLimitFailsTheRequest() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));
    assertThat(heard)
        .first()
        .isEqualTo("failure response body larger than max_response_size (64 bytes) before=false");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aCloseBeforeAnyByteSaysSoAndOneAfterTheHeadDoesNot() {
    handler.begin(listener, "GET");
    channel.close();
    assertThat(heard)
        .containsExactly("failure connection closed before the response was complete before=true");
    ExchangeHandler second = new ExchangeHandler(64);
    EmbeddedChannel ch = new EmbeddedChannel(second);
    second.begin(listener, "GET");
    ch.writeInbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", StandardCharsets.ISO_8859_1));
    ch.close();
    assertThat(heard.get(1)).endsWith("before=false");
  }

  @Test
  void aResponseNobodyWaitsForClosesTheConnection() {
    receive("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    assertThat(heard).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void interimResponsesAreSkipped() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 100 Continue\r\n\r\n");
    assertThat(heard).isEmpty();
    receive("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
    assertThat(heard).containsExactly("200 {\"content-length\":[\"1\"]} x keepAlive=true");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aChunkedBodyIsGatheredAndItsLimitCounted() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    assertThat(heard).isEmpty();
    receive("2\r\nde\r\n0\r\n\r\n");
    assertThat(heard).singleElement().asString().endsWith(" abcde keepAlive=true");
    assertThat(handler.idle()).isTrue();

    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + "x".repeat(32));
    receive("\r\n21\r\n" + "y".repeat(33) + "\r\n0\r\n\r\n");
    assertThat(heard.get(1))
        .isEqualTo("failure response body larger than max_response_size (64 bytes) before=false");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aBodyInSeveralReadsIsGatheredWhole() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nab");
    receive("cd");
    assertThat(heard).isEmpty();
    receive("ef");
    assertThat(heard).singleElement().asString().endsWith(" abcdef keepAlive=true");
  }

  @Test
  void aHeadRequestsResponseHasNoBodyWhateverItsLengthSays() {
    handler.begin(listener, "HEAD");
    receive("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
    assertThat(heard).containsExactly("200 {\"content-length\":[\"5\"]}  keepAlive=true");
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnection() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\n\r\nuntil");
    receive(" the end");
    assertThat(heard).isEmpty();
    channel.close();
    assertThat(heard).containsExactly("200 {} until the end keepAlive=false");
  }

  @Test
  void bytesAfterTheResponseLeaveTheConnectionUnfitForReuse() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\n");
    assertThat(heard).containsExactly("200 {\"content-length\":[\"1\"]} x keepAlive=false");
  }

  @Test
  void theRequestGoesOutAsItsHeadAndBodyInOneBuffer() throws Exception {
    handler.begin(listener, "POST");
    handler.send(
        new OutgoingRequest(
            "POST",
            Endpoint.parse("http://127.0.0.1/").target(),
            "POST / HTTP/1.1\r\ncontent-length: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
            "hi".getBytes(StandardCharsets.ISO_8859_1),
            io.quiver.value.Value.EMPTY_OBJECT));
    io.netty.buffer.ByteBuf out = channel.readOutbound();
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo("POST / HTTP/1.1\r\ncontent-length: 2\r\n\r\nhi");
    out.release();
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void aHeadOverTheLimitFailsTheRequest() {
    handler.begin(listener, "GET");
    receive("HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(ResponseDecoder.MAX_HEADERS) + "\r\n");
    assertThat(heard)
        .containsExactly("failure response headers too large: over 8192 bytes before=false");
    assertThat(channel.isOpen()).isFalse();
  }
}
