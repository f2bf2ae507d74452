package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.FullHttpRequest;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  private static OutgoingRequest request(List<OutgoingRequest.Header> headers) throws Exception {
    return new OutgoingRequest(
        "PROPFIND",
        Endpoint.parse("http://127.0.0.1:8080/a/b?c=d#e").target(),
        headers,
        "body".getBytes(StandardCharsets.UTF_8),
        Value.EMPTY_OBJECT);
  }

  @Test
  void theNettyRequestHasTheTargetHeadersInOrderAndTheLength() throws Exception {
    FullHttpRequest r =
        Dispatcher.toNetty(
            request(
                List.of(
                    new OutgoingRequest.Header("X-A", "1"),
                    new OutgoingRequest.Header("X-A", "2"),
                    new OutgoingRequest.Header("Host", "127.0.0.1:8080"))));
    try {
      assertThat(r.method().name()).isEqualTo("PROPFIND");
      assertThat(r.uri()).isEqualTo("/a/b?c=d");
      assertThat(r.headers().getAll("x-a")).containsExactly("1", "2");
      assertThat(r.headers().get("content-length")).isEqualTo("4");
      assertThat(r.content().toString(StandardCharsets.UTF_8)).isEqualTo("body");
    } finally {
      r.release();
    }
  }

  @Test
  void headerValuesWithLineBreaksAndBadNamesAreRefused() {
    assertThatThrownBy(
            () ->
                Dispatcher.toNetty(
                    request(List.of(new OutgoingRequest.Header("X", "a\r\nInjected: 1")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header X has a line break in its value");
    assertThatThrownBy(
            () -> Dispatcher.toNetty(request(List.of(new OutgoingRequest.Header("a b", "1")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("header a b: ");
  }

  @Test
  void connectFailuresAreSaidPlainly() {
    assertThat(
            Dispatcher.cause(
                new java.net.ConnectException(
                    "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:1")))
        .isEqualTo("Connection refused");
    assertThat(Dispatcher.cause(new io.netty.channel.ConnectTimeoutException("x")))
        .isEqualTo("connect timed out");
    assertThat(Dispatcher.cause(new java.net.UnknownHostException("failed to resolve 'nope'")))
        .isEqualTo("failed to resolve 'nope'");
    assertThat(Dispatcher.cause(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
