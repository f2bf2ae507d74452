package io.quiver.connectors.otel;

import static io.quiver.connectors.otel.OtelLogsTest.SPAN;
import static io.quiver.connectors.otel.OtelLogsTest.TRACE;
import static io.quiver.connectors.otel.OtelLogsTest.kv;
import static io.quiver.connectors.otel.OtelLogsTest.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class OtelTracesTest {
  static final byte[] PARENT = {1, 2, 3, 4, 5, 6, 7, 8};

  static ExportTraceServiceRequest request() {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(TRACE))
            .setSpanId(ByteString.copyFrom(SPAN))
            .setParentSpanId(ByteString.copyFrom(PARENT))
            .setTraceState("a=b")
            .setName("GET /")
            .setKindValue(2)
            .setStartTimeUnixNano(1_700_000_000_000_000_001L)
            .setEndTimeUnixNano(1_700_000_000_500_000_002L)
            .addAttributes(kv("http.status", AnyValue.newBuilder().setIntValue(200).build()))
            .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()))
            .setDroppedAttributesCount(1)
            .addEvents(
                Span.Event.newBuilder()
                    .setTimeUnixNano(1_700_000_000_100_000_000L)
                    .setName("exception")
                    .addAttributes(kv("ok", AnyValue.newBuilder().setBoolValue(false).build()))
                    .setDroppedAttributesCount(3))
            .setDroppedEventsCount(4)
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(ByteString.copyFrom(TRACE))
                    .setSpanId(ByteString.copyFrom(PARENT))
                    .setTraceState("c=d")
                    .addAttributes(kv("l", str("x")))
                    .setDroppedAttributesCount(5)
                    .setFlags(0x301))
            .setDroppedLinksCount(6)
            .setStatus(Status.newBuilder().setCodeValue(2).setMessage("boom"))
            .setFlags(0x101)
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("svc"))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder().setName("tracer").setVersion("0.1"))
                        .addSpans(span)))
        .build();
  }

  @Test
  void requestBecomesTremorsShapeFieldByField() {
    Value.Obj rs =
        (Value.Obj) ((Value.Arr) ((Value.Obj) OtelTraces.toValue(request())).get("trace")).get(0);
    assertThat(Json.write(rs.get("resource")))
        .isEqualTo("{\"attributes\":{\"service.name\":\"svc\"},\"dropped_attributes_count\":0}");
    Value.Obj ils = (Value.Obj) ((Value.Arr) rs.get("instrumentation_library_spans")).get(0);
    assertThat(Json.write(ils.get("instrumentation_library")))
        .isEqualTo("{\"name\":\"tracer\",\"version\":\"0.1\"}");
    Value.Obj span = (Value.Obj) ((Value.Arr) ils.get("spans")).get(0);
    assertThat(span.get("trace_id")).isEqualTo(Value.of("5b8efff798038103d269b633813fc60c"));
    assertThat(span.get("span_id")).isEqualTo(Value.of("eee19b7ec3c1b174"));
    assertThat(span.get("parent_span_id")).isEqualTo(Value.of("0102030405060708"));
    assertThat(span.get("trace_state")).isEqualTo(Value.of("a=b"));
    assertThat(span.get("name")).isEqualTo(Value.of("GET /"));
    assertThat(span.get("kind")).isEqualTo(Value.of(2));
    assertThat(span.get("flags")).isEqualTo(Value.of(0x101));
    assertThat(span.get("start_time_unix_nano")).isEqualTo(Value.of(1_700_000_000_000_000_001L));
    assertThat(span.get("end_time_unix_nano")).isEqualTo(Value.of(1_700_000_000_500_000_002L));
    assertThat(Json.write(span.get("attributes")))
        .isEqualTo("{\"http.status\":200,\"ratio\":0.25}");
    assertThat(span.get("dropped_attributes_count")).isEqualTo(Value.of(1));
    assertThat(span.get("dropped_events_count")).isEqualTo(Value.of(4));
    assertThat(span.get("dropped_links_count")).isEqualTo(Value.of(6));
    assertThat(Json.write(span.get("events")))
        .isEqualTo(
            "[{\"time_unix_nano\":1700000000100000000,\"name\":\"exception\","
                + "\"attributes\":{\"ok\":false},\"dropped_attributes_count\":3}]");
    assertThat(Json.write(span.get("links")))
        .isEqualTo(
            "[{\"trace_id\":\"5b8efff798038103d269b633813fc60c\",\"span_id\":\"0102030405060708\","
                + "\"trace_state\":\"c=d\",\"attributes\":{\"l\":\"x\"},"
                + "\"dropped_attributes_count\":5,\"flags\":769}]");
    assertThat(Json.write(span.get("status")))
        .isEqualTo("{\"code\":2,\"deprecated_code\":0,\"message\":\"boom\"}");
  }

  @Test
  void roundTripIsExact() throws Exception {
    ExportTraceServiceRequest request = request();
    assertThat(OtelTraces.toPb(OtelTraces.toValue(request))).isEqualTo(request);
    assertThat(OtelTraces.toPb(Json.parse(Json.write(OtelTraces.toValue(request)))))
        .isEqualTo(request);
  }

  @Test
  void aSpanWithoutStatusReadsAsTremorsUnsetStatus() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.getDefaultInstance())))
            .build();
    assertThat(Json.write(OtelTraces.toValue(request)))
        .contains("\"status\":{\"code\":0,\"deprecated_code\":0,\"message\":\"status code unset\"}")
        .contains("\"parent_span_id\":\"\"");
  }

  @Test
  void idsTakeHexBytesAndArraysAndRefuseTheRest() throws Exception {
    String json = Json.write(OtelTraces.toValue(request()));
    Value asArray =
        Json.parse(
            json.replace("\"0102030405060708\",\"trace_id\"", "[1,2,3,4,5,6,7,8],\"trace_id\""));
    assertThat(OtelTraces.toPb(asArray)).isEqualTo(request());
    assertThatThrownBy(
            () ->
                OtelTraces.toPb(
                    Json.parse(json.replace("\"eee19b7ec3c1b174\"", "\"eee19b7ec3c1b17x\""))))
        .hasMessage("Invalid hex encoded string - cannot convert span to pb");
    assertThatThrownBy(
            () ->
                OtelTraces.toPb(
                    Json.parse(
                        json.replace(
                            "\"0102030405060708\",\"trace_id\"",
                            "[1,2,300,4,5,6,7,8],\"trace_id\""))))
        .hasMessage(
            "Invalid parent span id ( wrong array element ) - values must be 0 <= [..., v=300 , ...]"
                + " <= 255 - cannot convert to pb");
    assertThatThrownBy(
            () ->
                OtelTraces.toPb(
                    Json.parse(json.replace("\"span_id\":\"eee19b7ec3c1b174\"", "\"span_id\":7"))))
        .hasMessage("Cannot convert json value to otel pb span id");
    assertThat(OtelIds.spanId(Value.of(SPAN)).toByteArray()).isEqualTo(SPAN);
    assertThatThrownBy(() -> OtelIds.traceId(Value.of(SPAN)))
        .hasMessage("Invalid trace id ( wrong byte length ) - cannot convert to pb");
    assertThatThrownBy(
            () -> OtelTraces.toPb(Json.parse(json.replace("\"status\":{", "\"status\":7,\"x\":{"))))
        .hasMessage("Unable to map json value to pb trace status");
    assertThatThrownBy(
            () -> OtelTraces.toPb(Json.parse(json.replace("\"kind\":2", "\"kind\":\"server\""))))
        .hasMessage("not coercable to i32");
  }
}
