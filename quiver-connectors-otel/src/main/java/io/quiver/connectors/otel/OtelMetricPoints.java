package io.quiver.connectors.otel;

import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric data points, exemplars and quantiles to and from Tremor's shapes ({@code
 * connectors/otel/metrics.rs}). Tremor's {@code labels}/{@code filtered_labels} are OTLP's
 * attributes today; an exemplar's value is an integer or a float as OTLP sent it.
 */
final class OtelMetricPoints {
  private OtelMetricPoints() {}

  static Value numbers(List<NumberDataPoint> points, boolean ints) {
    List<Value> out = new ArrayList<>(points.size());
    for (NumberDataPoint p : points) {
      Value value =
          ints
              ? Value.of(p.getAsInt())
              : Value.of(
                  p.getValueCase() == NumberDataPoint.ValueCase.AS_INT
                      ? (double) p.getAsInt()
                      : p.getAsDouble());
      out.add(
          Value.obj(
              "value", value,
              "start_time_unix_nano", Value.of(p.getStartTimeUnixNano()),
              "time_unix_nano", Value.of(p.getTimeUnixNano()),
              "labels", OtelCommon.attributes(p.getAttributesList()),
              "exemplars", exemplars(p.getExemplarsList())));
    }
    return Value.array(out);
  }

  static List<NumberDataPoint> numbers(Value v, boolean ints, String what)
      throws OtelMappingException {
    if (!(v instanceof Value.Arr points)) {
      throw new OtelMappingException("Unable to map json value to otel pb " + what + " list");
    }
    List<NumberDataPoint> out = new ArrayList<>(points.size());
    for (Value p : points.items()) {
      NumberDataPoint.Builder b =
          NumberDataPoint.newBuilder()
              .addAllAttributes(OtelCommon.labels(PbScalars.field(p, "labels")))
              .addAllExemplars(exemplars(PbScalars.field(p, "exemplars")))
              .setTimeUnixNano(PbScalars.u64(PbScalars.field(p, "time_unix_nano")))
              .setStartTimeUnixNano(PbScalars.u64(PbScalars.field(p, "start_time_unix_nano")));
      Value value = PbScalars.field(p, "value");
      if (ints) {
        b.setAsInt(PbScalars.i64(value));
      } else {
        b.setAsDouble(PbScalars.f64(value));
      }
      out.add(b.build());
    }
    return out;
  }

  static Value histograms(List<HistogramDataPoint> points) {
    List<Value> out = new ArrayList<>(points.size());
    for (HistogramDataPoint p : points) {
      Map<String, Value> fields = new LinkedHashMap<>();
      fields.put("start_time_unix_nano", Value.of(p.getStartTimeUnixNano()));
      fields.put("time_unix_nano", Value.of(p.getTimeUnixNano()));
      fields.put("labels", OtelCommon.attributes(p.getAttributesList()));
      fields.put("exemplars", exemplars(p.getExemplarsList()));
      fields.put("sum", Value.of(p.getSum()));
      fields.put("count", Value.of(p.getCount()));
      List<Value> bounds = new ArrayList<>(p.getExplicitBoundsCount());
      p.getExplicitBoundsList().forEach(b -> bounds.add(Value.of(b)));
      fields.put("explicit_bounds", Value.array(bounds));
      List<Value> counts = new ArrayList<>(p.getBucketCountsCount());
      p.getBucketCountsList().forEach(c -> counts.add(Value.of(c)));
      fields.put("bucket_counts", Value.array(counts));
      if (p.hasMin()) {
        fields.put("min", Value.of(p.getMin()));
      }
      if (p.hasMax()) {
        fields.put("max", Value.of(p.getMax()));
      }
      out.add(Value.obj(fields));
    }
    return Value.array(out);
  }

  /** Tremor read the bucket counts from {@code explicit_bounds} (a bug); Quiver reads them. */
  static List<HistogramDataPoint> histograms(Value v, boolean intSum, String what)
      throws OtelMappingException {
    if (!(v instanceof Value.Arr points)) {
      throw new OtelMappingException("Unable to map json value to otel pb " + what + " list");
    }
    List<HistogramDataPoint> out = new ArrayList<>(points.size());
    for (Value p : points.items()) {
      Value sum = PbScalars.field(p, "sum");
      HistogramDataPoint.Builder b =
          HistogramDataPoint.newBuilder()
              .addAllAttributes(OtelCommon.labels(PbScalars.field(p, "labels")))
              .setTimeUnixNano(PbScalars.u64(PbScalars.field(p, "time_unix_nano")))
              .setStartTimeUnixNano(PbScalars.u64(PbScalars.field(p, "start_time_unix_nano")))
              .setSum(intSum ? PbScalars.i64(sum) : PbScalars.f64(sum))
              .setCount(PbScalars.u64(PbScalars.field(p, "count")))
              .addAllExemplars(exemplars(PbScalars.field(p, "exemplars")))
              .addAllExplicitBounds(PbScalars.f64List(PbScalars.field(p, "explicit_bounds")))
              .addAllBucketCounts(PbScalars.u64List(PbScalars.field(p, "bucket_counts")));
      Value min = PbScalars.field(p, "min");
      if (min != null) {
        b.setMin(PbScalars.f64(min));
      }
      Value max = PbScalars.field(p, "max");
      if (max != null) {
        b.setMax(PbScalars.f64(max));
      }
      out.add(b.build());
    }
    return out;
  }

  static Value summaries(List<SummaryDataPoint> points) {
    List<Value> out = new ArrayList<>(points.size());
    for (SummaryDataPoint p : points) {
      List<Value> quantiles = new ArrayList<>(p.getQuantileValuesCount());
      for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
        quantiles.add(
            Value.obj("value", Value.of(q.getValue()), "quantile", Value.of(q.getQuantile())));
      }
      out.add(
          Value.obj(
              "start_time_unix_nano", Value.of(p.getStartTimeUnixNano()),
              "time_unix_nano", Value.of(p.getTimeUnixNano()),
              "labels", OtelCommon.attributes(p.getAttributesList()),
              "quantile_values", Value.array(quantiles),
              "sum", Value.of(p.getSum()),
              "count", Value.of(p.getCount())));
    }
    return Value.array(out);
  }

  static List<SummaryDataPoint> summaries(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr points)) {
      throw new OtelMappingException(
          "Unable to map json value to otel pb DoubleSummaryDataPoint list");
    }
    List<SummaryDataPoint> out = new ArrayList<>(points.size());
    for (Value p : points.items()) {
      SummaryDataPoint.Builder b =
          SummaryDataPoint.newBuilder()
              .addAllAttributes(OtelCommon.labels(PbScalars.field(p, "labels")))
              .setTimeUnixNano(PbScalars.u64(PbScalars.field(p, "time_unix_nano")))
              .setStartTimeUnixNano(PbScalars.u64(PbScalars.field(p, "start_time_unix_nano")))
              .setSum(PbScalars.f64(PbScalars.field(p, "sum")))
              .setCount(PbScalars.u64(PbScalars.field(p, "count")));
      if (!(PbScalars.field(p, "quantile_values") instanceof Value.Arr qs)) {
        throw new OtelMappingException("Unable to map json value to ValueAtQuantiles");
      }
      for (Value q : qs.items()) {
        b.addQuantileValues(
            SummaryDataPoint.ValueAtQuantile.newBuilder()
                .setValue(PbScalars.f64(PbScalars.field(q, "value")))
                .setQuantile(PbScalars.f64(PbScalars.field(q, "quantile"))));
      }
      out.add(b.build());
    }
    return out;
  }

  private static Value exemplars(List<Exemplar> exemplars) {
    List<Value> out = new ArrayList<>(exemplars.size());
    for (Exemplar e : exemplars) {
      out.add(
          Value.obj(
              "span_id", OtelIds.toValue(e.getSpanId()),
              "trace_id", OtelIds.toValue(e.getTraceId()),
              "filtered_labels", OtelCommon.attributes(e.getFilteredAttributesList()),
              "time_unix_nano", Value.of(e.getTimeUnixNano()),
              "value",
                  e.getValueCase() == Exemplar.ValueCase.AS_INT
                      ? Value.of(e.getAsInt())
                      : Value.of(e.getAsDouble())));
    }
    return Value.array(out);
  }

  private static List<Exemplar> exemplars(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr exemplars)) {
      throw new OtelMappingException("Unable to map json value to Exemplars pb");
    }
    List<Exemplar> out = new ArrayList<>(exemplars.size());
    for (Value e : exemplars.items()) {
      Exemplar.Builder b =
          Exemplar.newBuilder()
              .addAllFilteredAttributes(OtelCommon.labels(PbScalars.field(e, "filtered_labels")))
              .setSpanId(OtelIds.optionalSpanId(PbScalars.field(e, "span_id")))
              .setTraceId(OtelIds.optionalTraceId(PbScalars.field(e, "trace_id")))
              .setTimeUnixNano(PbScalars.u64(PbScalars.field(e, "time_unix_nano")));
      Value value = PbScalars.field(e, "value");
      if (value instanceof Value.Int i) {
        b.setAsInt(i.value());
      } else {
        b.setAsDouble(PbScalars.f64(value));
      }
      out.add(b.build());
    }
    return out;
  }
}
