package io.quiver.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class OtelLogsTest {
  static final byte[] TRACE = {
    0x5b,
    (byte) 0x8e,
    (byte) 0xff,
    (byte) 0xf7,
    (byte) 0x98,
    0x03,
    (byte) 0x81,
    0x03,
    (byte) 0xd2,
    0x69,
    (byte) 0xb6,
    0x33,
    (byte) 0x81,
    0x3f,
    (byte) 0xc6,
    0x0c
  };
  static final byte[] SPAN = {
    (byte) 0xee, (byte) 0xe1, (byte) 0x9b, 0x7e, (byte) 0xc3, (byte) 0xc1, (byte) 0xb1, 0x74
  };

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static ExportLogsServiceRequest request() {
    LogRecord record =
        LogRecord.newBuilder()
            .setEventName("login")
            .setTimeUnixNano(1_700_000_000_123_456_789L)
            .setObservedTimeUnixNano(1_700_000_000_223_456_789L)
            .setSeverityNumberValue(17)
            .setSeverityText("ERROR")
            .setFlags(1)
            .setTraceId(ByteString.copyFrom(TRACE))
            .setSpanId(ByteString.copyFrom(SPAN))
            .addAttributes(kv("user", str("snot")))
            .addAttributes(kv("attempt", AnyValue.newBuilder().setIntValue(3).build()))
            .setDroppedAttributesCount(2)
            .setBody(str("badger"))
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("service.name", str("svc")))
                        .setDroppedAttributesCount(9))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder().setName("lib").setVersion("1.2"))
                        .addLogRecords(record)))
        .build();
  }

  @Test
  void requestBecomesTremorsShapeFieldByField() throws Exception {
    Value event = OtelLogs.toValue(request());
    Value.Obj rl = (Value.Obj) ((Value.Arr) ((Value.Obj) event).get("logs")).get(0);
    assertThat(Json.write(rl.get("resource")))
        .isEqualTo("{\"attributes\":{\"service.name\":\"svc\"},\"dropped_attributes_count\":9}");
    Value.Obj ill = (Value.Obj) ((Value.Arr) rl.get("instrumentation_library_logs")).get(0);
    assertThat(Json.write(ill.get("instrumentation_library")))
        .isEqualTo("{\"name\":\"lib\",\"version\":\"1.2\"}");
    Value.Obj log = (Value.Obj) ((Value.Arr) ill.get("logs")).get(0);
    assertThat(log.get("name")).isEqualTo(Value.of("login"));
    assertThat(log.get("time_unix_nano")).isEqualTo(Value.of(1_700_000_000_123_456_789L));
    assertThat(log.get("observed_time_unix_nano")).isEqualTo(Value.of(1_700_000_000_223_456_789L));
    assertThat(log.get("severity_number")).isEqualTo(Value.of(17));
    assertThat(log.get("severity_text")).isEqualTo(Value.of("ERROR"));
    assertThat(log.get("flags")).isEqualTo(Value.of(1));
    assertThat(log.get("trace_id")).isEqualTo(Value.of("5b8efff798038103d269b633813fc60c"));
    assertThat(log.get("span_id")).isEqualTo(Value.of("eee19b7ec3c1b174"));
    assertThat(Json.write(log.get("attributes"))).isEqualTo("{\"user\":\"snot\",\"attempt\":3}");
    assertThat(log.get("dropped_attributes_count")).isEqualTo(Value.of(2));
    assertThat(log.get("body")).isEqualTo(Value.of("badger"));
  }

  @Test
  void roundTripIsExact() throws Exception {
    ExportLogsServiceRequest request = request();
    assertThat(OtelLogs.toPb(OtelLogs.toValue(request))).isEqualTo(request);
    // and through JSON text, as events travel between Quiver instances
    Value viaJson = Json.parse(Json.write(OtelLogs.toValue(request)));
    assertThat(OtelLogs.toPb(viaJson)).isEqualTo(request);
  }

  @Test
  void missingResourceAndScopeReadAsTremorsDefaults() throws Exception {
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance())))
            .build();
    Value event = OtelLogs.toValue(request);
    assertThat(Json.write(event))
        .isEqualTo(
            "{\"logs\":[{\"instrumentation_library_logs\":[{\"instrumentation_library\":null,"
                + "\"logs\":[{\"name\":\"\",\"time_unix_nano\":0,\"observed_time_unix_nano\":0,"
                + "\"severity_number\":0,\"severity_text\":\"\",\"flags\":0,\"span_id\":\"\","
                + "\"trace_id\":\"\",\"attributes\":{},\"dropped_attributes_count\":0,"
                + "\"body\":null}]}],\"resource\":{\"attributes\":{},"
                + "\"dropped_attributes_count\":0}}]}");
  }

  @Test
  void badShapesAreRefusedWithTremorsTexts() throws Exception {
    assertThatThrownBy(() -> OtelLogs.toPb(Value.obj("logs", Value.of(1))))
        .hasMessage("Invalid json mapping for otel logs message - cannot convert to pb");
    Value event = OtelLogs.toValue(request());
    String json = Json.write(event);
    assertThatThrownBy(
            () ->
                OtelLogs.toPb(
                    Json.parse(json.replace("\"severity_number\":17", "\"severity_number\":25"))))
        .hasMessage("The `severity_number` is NOT in the valid range 0 <= 25 <= 24");
    assertThatThrownBy(
            () -> OtelLogs.toPb(Json.parse(json.replace("\"flags\":1", "\"flags\":256"))))
        .hasMessage("The `traceflags` is invalid, expected: 0b10000000, actual: 256");
    assertThatThrownBy(
            () -> OtelLogs.toPb(Json.parse(json.replace("eee19b7ec3c1b174", "eee19b7ec3c1b1"))))
        .hasMessage("Invalid span id ( wrong string length 1 ) - cannot convert to pb");
    assertThatThrownBy(
            () ->
                OtelLogs.toPb(
                    Json.parse(json.replace("\"time_unix_nano\":1700000000123456789,", ""))))
        .hasMessage("Expected an json u64 to convert to pb u64");
    assertThatThrownBy(
            () ->
                OtelLogs.toPb(
                    Json.parse(
                        json.replace(
                            "\"dropped_attributes_count\":9", "\"dropped_attributes_count\":-1"))))
        .hasMessage("not coercable to u32");
    assertThatThrownBy(
            () ->
                OtelLogs.toPb(
                    Json.parse(json.replace("\"instrumentation_library_logs\":", "\"x\":"))))
        .hasMessage("Invalid json mapping for InstrumentationLibraryLogs");
  }
}
