package io.quiver.connectors.otel;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP traces to and from Tremor's event shape {@code {"trace": [{"resource": ...,
 * "instrumentation_library_spans": [{"instrumentation_library": ..., "spans": [span...]}]}]}}
 * ({@code connectors/otel/trace.rs}). OTLP dropped the status's {@code deprecated_code}: it reads 0
 * and is ignored on the way back. A span's and a link's {@code flags} (W3C trace flags and the
 * remote-parent bits OTLP added after Tremor's proto) are a Quiver addition, 0 when absent.
 */
final class OtelTraces {
  private OtelTraces() {}

  static Value toValue(ExportTraceServiceRequest request) {
    List<Value> out = new ArrayList<>(request.getResourceSpansCount());
    for (ResourceSpans rs : request.getResourceSpansList()) {
      List<Value> scopes = new ArrayList<>(rs.getScopeSpansCount());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        List<Value> spans = new ArrayList<>(ss.getSpansCount());
        for (Span span : ss.getSpansList()) {
          spans.add(span(span));
        }
        scopes.add(
            Value.obj(
                "instrumentation_library",
                OtelCommon.instrumentationLibrary(ss.hasScope(), ss.getScope()),
                "spans",
                Value.array(spans)));
      }
      out.add(
          Value.obj(
              "instrumentation_library_spans",
              Value.array(scopes),
              "resource",
              OtelCommon.resource(rs.hasResource(), rs.getResource())));
    }
    return Value.obj("trace", Value.array(out));
  }

  private static Value span(Span span) {
    return Value.obj(
        "attributes", OtelCommon.attributes(span.getAttributesList()),
        "events", events(span.getEventsList()),
        "links", links(span.getLinksList()),
        "span_id", OtelIds.toValue(span.getSpanId()),
        "parent_span_id", OtelIds.toValue(span.getParentSpanId()),
        "trace_id", OtelIds.toValue(span.getTraceId()),
        "start_time_unix_nano", Value.of(span.getStartTimeUnixNano()),
        "end_time_unix_nano", Value.of(span.getEndTimeUnixNano()),
        "trace_state", Value.of(span.getTraceState()),
        "dropped_attributes_count", u32(span.getDroppedAttributesCount()),
        "dropped_events_count", u32(span.getDroppedEventsCount()),
        "dropped_links_count", u32(span.getDroppedLinksCount()),
        "status", status(span.hasStatus(), span.getStatus()),
        "kind", Value.of(span.getKindValue()),
        "name", Value.of(span.getName()),
        "flags", u32(span.getFlags()));
  }

  private static Value u32(int n) {
    return Value.of(Integer.toUnsignedLong(n));
  }

  private static Value status(boolean present, Status status) {
    if (!present) {
      return Value.obj(
          "code",
          Value.of(0),
          "deprecated_code",
          Value.of(0),
          "message",
          Value.of("status code unset"));
    }
    return Value.obj(
        "code",
        Value.of(status.getCodeValue()),
        "deprecated_code",
        Value.of(0),
        "message",
        Value.of(status.getMessage()));
  }

  private static Value events(List<Span.Event> events) {
    List<Value> out = new ArrayList<>(events.size());
    for (Span.Event e : events) {
      out.add(
          Value.obj(
              "time_unix_nano", Value.of(e.getTimeUnixNano()),
              "name", Value.of(e.getName()),
              "attributes", OtelCommon.attributes(e.getAttributesList()),
              "dropped_attributes_count", u32(e.getDroppedAttributesCount())));
    }
    return Value.array(out);
  }

  private static Value links(List<Span.Link> links) {
    List<Value> out = new ArrayList<>(links.size());
    for (Span.Link l : links) {
      out.add(
          Value.obj(
              "trace_id", OtelIds.toValue(l.getTraceId()),
              "span_id", OtelIds.toValue(l.getSpanId()),
              "trace_state", Value.of(l.getTraceState()),
              "attributes", OtelCommon.attributes(l.getAttributesList()),
              "dropped_attributes_count", u32(l.getDroppedAttributesCount()),
              "flags", u32(l.getFlags())));
    }
    return Value.array(out);
  }

  static ExportTraceServiceRequest toPb(Value event) throws OtelMappingException {
    if (!(PbScalars.field(event, "trace") instanceof Value.Arr resources)) {
      throw new OtelMappingException(
          "Invalid json mapping for otel trace message - cannot convert to pb");
    }
    ExportTraceServiceRequest.Builder out = ExportTraceServiceRequest.newBuilder();
    for (Value rs : resources.items()) {
      if (rs instanceof Value.Obj o) {
        out.addResourceSpans(
            ResourceSpans.newBuilder()
                .addAllScopeSpans(scopeSpans(o.get("instrumentation_library_spans")))
                .setResource(OtelCommon.resource(o.get("resource"))));
      }
    }
    return out.build();
  }

  private static List<ScopeSpans> scopeSpans(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr scopes)) {
      throw new OtelMappingException("Invalid json mapping for InstrumentationLibrarySpans");
    }
    List<ScopeSpans> out = new ArrayList<>(scopes.size());
    for (Value scope : scopes.items()) {
      if (scope instanceof Value.Obj o) {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder();
        if (o.get("spans") instanceof Value.Arr spans) {
          for (Value span : spans.items()) {
            ss.addSpans(span(span));
          }
        }
        var il = OtelCommon.instrumentationLibrary(o.get("instrumentation_library"));
        if (il != null) {
          ss.setScope(il);
        }
        out.add(ss.build());
      }
    }
    return out;
  }

  private static Span span(Value span) throws OtelMappingException {
    Span.Builder out =
        Span.newBuilder()
            .setName(PbScalars.string(PbScalars.field(span, "name")))
            .setStartTimeUnixNano(PbScalars.u64(PbScalars.field(span, "start_time_unix_nano")))
            .setEndTimeUnixNano(PbScalars.u64(PbScalars.field(span, "end_time_unix_nano")));
    Status status = status(PbScalars.field(span, "status"));
    if (status != null) {
      out.setStatus(status);
    }
    return out.setKindValue(PbScalars.i32(PbScalars.field(span, "kind")))
        .setParentSpanId(OtelIds.parentSpanId(PbScalars.field(span, "parent_span_id")))
        .setSpanId(OtelIds.spanId(PbScalars.field(span, "span_id")))
        .setTraceId(OtelIds.traceId(PbScalars.field(span, "trace_id")))
        .setTraceState(PbScalars.string(PbScalars.field(span, "trace_state")))
        .addAllAttributes(OtelCommon.attributes(PbScalars.field(span, "attributes")))
        .setDroppedAttributesCount(PbScalars.u32(PbScalars.field(span, "dropped_attributes_count")))
        .setDroppedEventsCount(PbScalars.u32(PbScalars.field(span, "dropped_events_count")))
        .setDroppedLinksCount(PbScalars.u32(PbScalars.field(span, "dropped_links_count")))
        .addAllEvents(events(PbScalars.field(span, "events")))
        .addAllLinks(links(PbScalars.field(span, "links")))
        .setFlags(flags(PbScalars.field(span, "flags")))
        .build();
  }

  private static int flags(Value v) throws OtelMappingException {
    return v == null ? 0 : PbScalars.u32(v);
  }

  private static Status status(Value v) throws OtelMappingException {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Value.Obj o)) {
      throw new OtelMappingException("Unable to map json value to pb trace status");
    }
    return Status.newBuilder()
        .setCodeValue(PbScalars.i32(o.get("code")))
        .setMessage(PbScalars.string(o.get("message")))
        .build();
  }

  private static List<Span.Event> events(Value v) throws OtelMappingException {
    List<Span.Event> out = new ArrayList<>();
    if (v instanceof Value.Arr events) {
      for (Value e : events.items()) {
        out.add(
            Span.Event.newBuilder()
                .setName(PbScalars.string(PbScalars.field(e, "name")))
                .setTimeUnixNano(PbScalars.u64(PbScalars.field(e, "time_unix_nano")))
                .addAllAttributes(OtelCommon.attributes(PbScalars.field(e, "attributes")))
                .setDroppedAttributesCount(
                    PbScalars.u32(PbScalars.field(e, "dropped_attributes_count")))
                .build());
      }
    }
    return out;
  }

  private static List<Span.Link> links(Value v) throws OtelMappingException {
    List<Span.Link> out = new ArrayList<>();
    if (v instanceof Value.Arr links) {
      for (Value l : links.items()) {
        out.add(
            Span.Link.newBuilder()
                .setSpanId(OtelIds.spanId(PbScalars.field(l, "span_id")))
                .setTraceId(OtelIds.traceId(PbScalars.field(l, "trace_id")))
                .setTraceState(PbScalars.string(PbScalars.field(l, "trace_state")))
                .addAllAttributes(OtelCommon.attributes(PbScalars.field(l, "attributes")))
                .setDroppedAttributesCount(
                    PbScalars.u32(PbScalars.field(l, "dropped_attributes_count")))
                .setFlags(flags(PbScalars.field(l, "flags")))
                .build());
      }
    }
    return out;
  }
}
