package io.quiver.connectors.otel;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP logs to and from Tremor's event shape {@code {"logs": [{"resource": ...,
 * "instrumentation_library_logs": [{"instrumentation_library": ..., "logs": [record...]}]}]}}
 * ({@code connectors/otel/logs.rs}). A record's {@code name} is OTLP's {@code event_name} today;
 * {@code observed_time_unix_nano} is a Quiver addition (OTLP added the field after Tremor's proto).
 */
final class OtelLogs {
  private OtelLogs() {}

  static Value toValue(ExportLogsServiceRequest request) throws OtelMappingException {
    List<Value> out = new ArrayList<>(request.getResourceLogsCount());
    for (ResourceLogs rl : request.getResourceLogsList()) {
      List<Value> scopes = new ArrayList<>(rl.getScopeLogsCount());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        List<Value> logs = new ArrayList<>(sl.getLogRecordsCount());
        for (LogRecord log : sl.getLogRecordsList()) {
          logs.add(record(log));
        }
        scopes.add(
            Value.obj(
                "instrumentation_library",
                OtelCommon.instrumentationLibrary(sl.hasScope(), sl.getScope()),
                "logs",
                Value.array(logs)));
      }
      out.add(
          Value.obj(
              "instrumentation_library_logs",
              Value.array(scopes),
              "resource",
              OtelCommon.resource(rl.hasResource(), rl.getResource())));
    }
    return Value.obj("logs", Value.array(out));
  }

  private static Value record(LogRecord log) throws OtelMappingException {
    return Value.obj(
        "name", Value.of(log.getEventName()),
        "time_unix_nano", Value.of(log.getTimeUnixNano()),
        "observed_time_unix_nano", Value.of(log.getObservedTimeUnixNano()),
        "severity_number", Value.of(severityNumber(log.getSeverityNumberValue())),
        "severity_text", Value.of(log.getSeverityText()),
        "flags", Value.of(Integer.toUnsignedLong(traceFlags(log.getFlags()))),
        "span_id", OtelIds.toValue(log.getSpanId()),
        "trace_id", OtelIds.toValue(log.getTraceId()),
        "attributes", OtelCommon.attributes(log.getAttributesList()),
        "dropped_attributes_count",
            Value.of(Integer.toUnsignedLong(log.getDroppedAttributesCount())),
        "body", log.hasBody() ? OtelCommon.anyValue(log.getBody()) : Value.NULL);
  }

  static ExportLogsServiceRequest toPb(Value event) throws OtelMappingException {
    if (!(PbScalars.field(event, "logs") instanceof Value.Arr resources)) {
      throw new OtelMappingException(
          "Invalid json mapping for otel logs message - cannot convert to pb");
    }
    ExportLogsServiceRequest.Builder out = ExportLogsServiceRequest.newBuilder();
    for (Value rl : resources.items()) {
      if (rl instanceof Value.Obj o) {
        out.addResourceLogs(
            ResourceLogs.newBuilder()
                .addAllScopeLogs(scopeLogs(o.get("instrumentation_library_logs")))
                .setResource(OtelCommon.resource(o.get("resource"))));
      }
    }
    return out.build();
  }

  private static List<ScopeLogs> scopeLogs(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr scopes)) {
      throw new OtelMappingException("Invalid json mapping for InstrumentationLibraryLogs");
    }
    List<ScopeLogs> out = new ArrayList<>(scopes.size());
    for (Value scope : scopes.items()) {
      if (scope instanceof Value.Obj o) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder();
        if (o.get("logs") instanceof Value.Arr logs) {
          for (Value log : logs.items()) {
            sl.addLogRecords(record(log));
          }
        }
        var il = OtelCommon.instrumentationLibrary(o.get("instrumentation_library"));
        if (il != null) {
          sl.setScope(il);
        }
        out.add(sl.build());
      }
    }
    return out;
  }

  private static LogRecord record(Value log) throws OtelMappingException {
    LogRecord.Builder out =
        LogRecord.newBuilder()
            .setEventName(PbScalars.string(PbScalars.field(log, "name")))
            .setTimeUnixNano(PbScalars.u64(PbScalars.field(log, "time_unix_nano")))
            .setSeverityNumberValue(
                severityNumber(PbScalars.i32(PbScalars.field(log, "severity_number"))))
            .setSeverityText(PbScalars.string(PbScalars.field(log, "severity_text")))
            .setFlags(traceFlags(PbScalars.u32(PbScalars.field(log, "flags"))))
            .setSpanId(OtelIds.optionalSpanId(PbScalars.field(log, "span_id")))
            .setTraceId(OtelIds.optionalTraceId(PbScalars.field(log, "trace_id")))
            .setDroppedAttributesCount(
                PbScalars.u32(PbScalars.field(log, "dropped_attributes_count")))
            .addAllAttributes(OtelCommon.attributes(PbScalars.field(log, "attributes")));
    Value observed = PbScalars.field(log, "observed_time_unix_nano");
    if (observed != null) {
      out.setObservedTimeUnixNano(PbScalars.u64(observed));
    }
    Value body = PbScalars.field(log, "body");
    if (body == null) {
      throw new OtelMappingException("Unable to map to pb otel any_value");
    }
    if (!(body instanceof Value.Null)) {
      out.setBody(OtelCommon.anyValue(body));
    }
    return out.build();
  }

  private static int severityNumber(int n) throws OtelMappingException {
    if (n >= 0 && n <= 24) {
      return n;
    }
    throw new OtelMappingException(
        "The `severity_number` is NOT in the valid range 0 <= " + n + " <= 24");
  }

  /**
   * Tremor accepted only 0 and 128; OTLP defines the low byte as the W3C trace flags (1: sampled),
   * which is what SDKs send, so Quiver accepts any value of that byte.
   */
  private static int traceFlags(int flags) throws OtelMappingException {
    if ((flags & ~0xFF) == 0) {
      return flags;
    }
    throw new OtelMappingException(
        "The `traceflags` is invalid, expected: 0b10000000, actual: "
            + Integer.toUnsignedString(flags));
  }
}
