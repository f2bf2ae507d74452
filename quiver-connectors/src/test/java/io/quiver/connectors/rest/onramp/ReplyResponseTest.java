package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReplyResponseTest {
  private static final TestContext CTX = new TestContext(true);
  private static final Function<String, Serializer> SERIALIZERS =
      ct -> ct == null ? CTX.newReplySerializer() : CTX.newReplySerializer(ct);

  private static Event event(Value data, Value meta) {
    return new Event(new EventId(1, 0, 0), 0, data, meta, 1);
  }

  private static String body(FullHttpResponse r) {
    return r.content().toString(StandardCharsets.UTF_8);
  }

  @Test
  void statusHeadersAndCodecComeFromResponseMeta() {
    Value response =
        Value.obj(
            "status",
            Value.of(404),
            "headers",
            Value.obj(
                "Content-Type",
                Value.of("application/json"),
                "x-many",
                new Value.Arr(List.of(Value.of("a"), Value.of(1), Value.of("b")))));
    FullHttpResponse r =
        ReplyResponse.of(event(Value.of("nope"), Value.obj("response", response)), SERIALIZERS);

    assertThat(r.status().code()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("\"nope\"");
    assertThat(r.headers().getAll("x-many")).containsExactly("a", "b");
    assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    assertThat(r.headers().getInt("content-length")).isEqualTo(6);
  }

  @Test
  void withoutResponseMetaItIs200InTheOnrampCodecWithItsMimeType() {
    FullHttpResponse r =
        ReplyResponse.of(event(Value.of("badger"), Value.EMPTY_OBJECT), SERIALIZERS);

    assertThat(r.status().code()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("badger");
    assertThat(r.headers().get("content-type")).isEqualTo("text/plain");
  }

  @Test
  void errorEventWithoutResponseIs500WithTheEventAsJson() {
    Value error = Value.obj("error", Value.of("bad"), "event_id", Value.of(3));
    FullHttpResponse r =
        ReplyResponse.of(event(error, Value.obj("error", Value.of("bad"))), SERIALIZERS);

    assertThat(r.status().code()).isEqualTo(500);
    assertThat(body(r)).isEqualTo("{\"error\":\"bad\",\"event_id\":3}");
  }

  @Test
  void batchesInvalidStatusesAndHeadersAre500JsonErrors() {
    Event batch =
        new Event(
            new EventId(1, 0, 0),
            0,
            Value.EMPTY_ARRAY,
            Value.EMPTY_OBJECT,
            1,
            Transit.NONE.withBatch(true));
    assertThat(body(ReplyResponse.of(batch, SERIALIZERS)))
        .isEqualTo("{\"error\":\"Batched events not supported in linked REST source.\"}");

    FullHttpResponse status =
        ReplyResponse.of(
            event(Value.of("x"), Value.obj("response", Value.obj("status", Value.of(42)))),
            SERIALIZERS);
    assertThat(status.status().code()).isEqualTo(500);
    assertThat(body(status))
        .isEqualTo("{\"error\":\"Error encoding the reply: invalid $response.status 42\"}");

    FullHttpResponse header =
        ReplyResponse.of(
            event(
                Value.of("x"),
                Value.obj("response", Value.obj("headers", Value.obj("bad name", Value.of("v"))))),
            SERIALIZERS);
    assertThat(header.status().code()).isEqualTo(500);
    assertThat(body(header)).startsWith("{\"error\":\"Error encoding the reply: ");
  }
}
