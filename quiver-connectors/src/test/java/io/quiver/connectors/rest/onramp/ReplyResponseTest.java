package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static String body(Answer r) {
    return new String(r.body(), StandardCharsets.UTF_8);
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
    Answer r =
        ReplyResponse.of(event(Value.of("nope"), Value.obj("response", response)), SERIALIZERS);

    assertThat(r.status()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("\"nope\"");
    assertThat(r.headerValues("x-many")).containsExactly("a", "b");
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.body()).hasSize(6);
  }

  @Test
  void hopByHopHeadersOfAProxiedResponseAreNotCopied() {
    // an upstream's response passed back as the reply: its connection headers are not the client's
    Value response =
        Value.obj(
            "status",
            Value.of(200),
            "headers",
            Value.obj(
                "connection", Value.of("close"),
                "Keep-Alive", Value.of("timeout=5"),
                "transfer-encoding", Value.of("chunked"),
                "upgrade", Value.of("h2c"),
                "x-powered-by", Value.of("Tremor")));
    Answer r =
        ReplyResponse.of(event(Value.of("ok"), Value.obj("response", response)), SERIALIZERS);

    assertThat(r.headerNames()).containsExactlyInAnyOrder("x-powered-by", "content-type");
  }

  @Test
  void withoutResponseMetaItIs200InTheOnrampCodecWithItsMimeType() {
    Answer r = ReplyResponse.of(event(Value.of("badger"), Value.EMPTY_OBJECT), SERIALIZERS);

    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("badger");
    assertThat(r.header("content-type")).isEqualTo("text/plain");
  }

  @Test
  void errorEventWithoutResponseIs500WithTheEventAsJson() {
    Value error = Value.obj("error", Value.of("bad"), "event_id", Value.of(3));
    Answer r = ReplyResponse.of(event(error, Value.obj("error", Value.of("bad"))), SERIALIZERS);

    assertThat(r.status()).isEqualTo(500);
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

    Answer status =
        ReplyResponse.of(
            event(Value.of("x"), Value.obj("response", Value.obj("status", Value.of(42)))),
            SERIALIZERS);
    assertThat(status.status()).isEqualTo(500);
    assertThat(body(status))
        .isEqualTo("{\"error\":\"Error encoding the reply: invalid $response.status 42\"}");

    Answer header =
        ReplyResponse.of(
            event(
                Value.of("x"),
                Value.obj("response", Value.obj("headers", Value.obj("bad name", Value.of("v"))))),
            SERIALIZERS);
    assertThat(header.status()).isEqualTo(500);
    assertThat(body(header)).startsWith("{\"error\":\"Error encoding the reply: ");
  }

  @Test
  void aConnectionReadsTheSameHeaderRecordOnceAndAnotherOneAfresh() {
    ReplyHeaders lines = new ReplyHeaders();
    Value.Obj headers =
        Value.obj(
            "content-type", Value.of("application/json"),
            "connection", Value.of("keep-alive"),
            "etag", new Value.Arr(List.of(Value.of("a"), Value.of("b"))));
    Event reply =
        event(
            Value.of("x"),
            Value.obj("response", Value.obj("status", Value.of(201), "headers", headers)));

    Answer first = ReplyResponse.of(reply, SERIALIZERS, lines);
    String[] read = lines.lines();
    Answer second = ReplyResponse.of(reply, SERIALIZERS, lines);

    assertThat(lines.lines()).isSameAs(read); // the same record: its lines as they were
    for (Answer a : List.of(first, second)) {
      assertThat(a.status()).isEqualTo(201);
      assertThat(a.headerNames()).containsExactly("content-type", "etag");
      assertThat(a.headerValues("etag")).containsExactly("a", "b");
    }

    Value.Obj other = Value.obj("x-other", Value.of("1"));
    Answer third =
        ReplyResponse.of(
            event(Value.of("y"), Value.obj("response", Value.obj("headers", other))),
            SERIALIZERS,
            lines);
    // another record gets new lines; the answers made before keep theirs
    assertThat(lines.lines()).isNotSameAs(read);
    assertThat(third.headerNames()).containsExactly("x-other", "content-type");
    assertThat(third.header("content-type")).isEqualTo("text/plain");
    assertThat(first.headerNames()).containsExactly("content-type", "etag");
  }

  @Test
  void aHeaderRecordWithAnInvalidValueIsRefusedEveryTime() {
    ReplyHeaders lines = new ReplyHeaders();
    Event reply =
        event(
            Value.of("x"),
            Value.obj("response", Value.obj("headers", Value.obj("x-bad", Value.of("a\r\nb")))));
    for (int i = 0; i < 2; i++) {
      Answer a = ReplyResponse.of(reply, SERIALIZERS, lines);
      assertThat(a.status()).isEqualTo(500);
      assertThat(body(a))
          .isEqualTo("{\"error\":\"Error encoding the reply: invalid value of header 'x-bad'\"}");
    }
  }

  @Test
  void hopByHopHeadersAreKnownInAnyCaseAndNothingElseIs() {
    for (String name :
        List.of(
            "te",
            "TE",
            "trailer",
            "Upgrade",
            "connection",
            "Keep-Alive",
            "content-length",
            "Proxy-Connection",
            "TRANSFER-ENCODING")) {
      assertThat(ReplyResponse.isNotCopied(name)).as(name).isTrue();
    }
    for (String name :
        List.of("tf", "trailers", "content-type", "connectionx", "x-upgrade", "date", "")) {
      assertThat(ReplyResponse.isNotCopied(name)).as(name).isFalse();
    }
  }
}
