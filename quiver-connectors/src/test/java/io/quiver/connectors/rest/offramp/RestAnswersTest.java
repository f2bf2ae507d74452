package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Insight;
import io.quiver.spi.Ports;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestAnswersTest {
  private final RestTestContext context = new RestTestContext(true);
  private final BodyCodecs codecs = new BodyCodecs(context);
  private final RestAnswers answers = new RestAnswers(context);

  private static Event request(String meta) throws Exception {
    return new Event(
        new EventId(1, 0, 4),
        9,
        Value.of("x"),
        Json.parse(meta),
        2,
        Transit.NONE.withTransactional(true));
  }

  private static OutgoingRequest sent() throws Exception {
    return new OutgoingRequest(
        "GET",
        Endpoint.parse("http://localhost:3000/path").target(),
        new byte[0],
        new byte[0],
        Value.obj("method", Value.of("GET")));
  }

  private static UpstreamResponse response(int status, String type, String body) {
    Map<String, Value> headers = new LinkedHashMap<>();
    if (type != null) {
      headers.put("content-type", Value.array(Value.of(type)));
    }
    headers.put("multiple", Value.array(Value.of("first"), Value.of("second")));
    return new UpstreamResponse(
        status, Value.obj(headers), body.getBytes(StandardCharsets.UTF_8), true);
  }

  @Test
  void aResponseIsDecodedByItsContentTypeWithTremorsMeta() throws Exception {
    answers.response(
        request("{\"correlation\":-1}"),
        sent(),
        response(200, "application/json; charset=utf-8", "{\"foo\":true}"),
        12.0,
        codecs);
    RestTestContext.Emitted e = context.next();
    assertThat(e.port()).isEqualTo(Ports.OUT);
    assertThat(e.event().id()).isEqualTo(new EventId(1, 0, 4));
    assertThat(e.event().stream()).isEqualTo(2);
    assertThat(Json.write(e.event().data())).isEqualTo("{\"foo\":true}");
    assertThat(Json.write(e.event().meta()))
        .isEqualTo(
            "{\"correlation\":-1,\"response\":{\"status\":200,\"headers\":{\"content-type\":"
                + "[\"application/json; charset=utf-8\"],\"multiple\":[\"first\",\"second\"]},"
                + "\"request\":{\"method\":\"GET\"}}}");
    Insight ack = context.nextInsight();
    assertThat(ack.kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(Json.write(ack.meta())).isEqualTo("{\"time\":12.0}");
  }

  @Test
  void anUnknownContentTypeFallsBackToTheOfframpsCodec() throws Exception {
    answers.response(request("{}"), sent(), response(200, "application/x-snot", "[1]"), 1, codecs);
    assertThat(Json.write(context.next().event().data())).isEqualTo("[1]");
    answers.response(request("{}"), sent(), response(200, "text/plain", "[1]"), 1, codecs);
    assertThat(context.next().event().data()).isEqualTo(Value.of("[1]"));
  }

  @Test
  void aBodyThatDoesNotDecodeIsA500Error() throws Exception {
    answers.response(request("{}"), sent(), response(200, null, "{nope"), 1, codecs);
    RestTestContext.Emitted e = context.next();
    assertThat(e.port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(e.event().meta())).contains("\"status\":500");
    assertThat(Json.write(e.event().data())).startsWith("{\"error\":\"invalid json:");
    assertThat(context.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
  }

  @Test
  void anErrorEventHasTremorsShape() throws Exception {
    answers.error(request("{\"correlation\":[\"badger\"]}"), 503, "boom");
    RestTestContext.Emitted e = context.next();
    assertThat(e.port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(e.event().data()))
        .isEqualTo("{\"error\":\"boom\",\"event_id\":\"1:0:4\"}");
    assertThat(Json.write(e.event().meta()))
        .isEqualTo(
            "{\"response\":{\"status\":503,\"headers\":{\"Content-Type\":\"application/json\","
                + "\"Server\":\"Tremor\"}},\"error\":\"boom\",\"correlation\":[\"badger\"]}");
  }

  @Test
  void notLinkedNothingIsEmitted() throws Exception {
    RestTestContext unlinked = new RestTestContext(false);
    RestAnswers a = new RestAnswers(unlinked);
    a.response(request("{}"), sent(), response(500, null, "{}"), 1, codecs);
    a.error(request("{}"), 503, "boom");
    assertThat(unlinked.emitted).isEmpty();
    assertThat(unlinked.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
    assertThat(unlinked.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
  }
}
