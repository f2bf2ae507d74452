package io.quiver.connectors.otel;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP metrics to and from Tremor's event shape {@code {"metrics": [{"resource": ...,
 * "instrumentation_library_metrics": [{"instrumentation_library": ..., "metrics": [{"name",
 * "description", "unit", "data"}]}]}]}} ({@code connectors/otel/metrics.rs}). Tremor's proto had
 * separate int and double kinds; OTLP now tags each point. A gauge or sum whose points are all
 * integers reads as {@code int-gauge}/{@code int-sum}, otherwise as {@code double-gauge}/{@code
 * double-sum}; a histogram reads as {@code double-histogram} (its sum is a double now), a summary
 * as {@code double-summary}; an exponential histogram (not in Tremor's proto) reads as null data.
 */
final class OtelMetrics {
  private OtelMetrics() {}

  static Value toValue(ExportMetricsServiceRequest request) {
    List<Value> out = new ArrayList<>(request.getResourceMetricsCount());
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      List<Value> scopes = new ArrayList<>(rm.getScopeMetricsCount());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        List<Value> metrics = new ArrayList<>(sm.getMetricsCount());
        for (Metric m : sm.getMetricsList()) {
          metrics.add(
              Value.obj(
                  "name", Value.of(m.getName()),
                  "description", Value.of(m.getDescription()),
                  "data", data(m),
                  "unit", Value.of(m.getUnit())));
        }
        scopes.add(
            Value.obj(
                "instrumentation_library",
                OtelCommon.instrumentationLibrary(sm.hasScope(), sm.getScope()),
                "metrics",
                Value.array(metrics)));
      }
      out.add(
          Value.obj(
              "instrumentation_library_metrics",
              Value.array(scopes),
              "resource",
              OtelCommon.resource(rm.hasResource(), rm.getResource())));
    }
    return Value.obj("metrics", Value.array(out));
  }

  private static Value data(Metric m) {
    return switch (m.getDataCase()) {
      case GAUGE -> {
        boolean ints = allInts(m.getGauge().getDataPointsList());
        yield Value.obj(
            ints ? "int-gauge" : "double-gauge",
            Value.obj(
                "data_points", OtelMetricPoints.numbers(m.getGauge().getDataPointsList(), ints)));
      }
      case SUM -> {
        Sum sum = m.getSum();
        boolean ints = allInts(sum.getDataPointsList());
        yield Value.obj(
            ints ? "int-sum" : "double-sum",
            Value.obj(
                "is_monotonic", Value.of(sum.getIsMonotonic()),
                "data_points", OtelMetricPoints.numbers(sum.getDataPointsList(), ints),
                "aggregation_temporality", Value.of(sum.getAggregationTemporalityValue())));
      }
      case HISTOGRAM ->
          Value.obj(
              "double-histogram",
              Value.obj(
                  "data_points",
                  OtelMetricPoints.histograms(m.getHistogram().getDataPointsList()),
                  "aggregation_temporality",
                  Value.of(m.getHistogram().getAggregationTemporalityValue())));
      case SUMMARY ->
          Value.obj(
              "double-summary",
              Value.obj(
                  "data_points", OtelMetricPoints.summaries(m.getSummary().getDataPointsList())));
      case EXPONENTIAL_HISTOGRAM, DATA_NOT_SET -> Value.NULL;
    };
  }

  private static boolean allInts(List<NumberDataPoint> points) {
    if (points.isEmpty()) {
      return false;
    }
    for (NumberDataPoint p : points) {
      if (p.getValueCase() != NumberDataPoint.ValueCase.AS_INT) {
        return false;
      }
    }
    return true;
  }

  static ExportMetricsServiceRequest toPb(Value event) throws OtelMappingException {
    if (!(PbScalars.field(event, "metrics") instanceof Value.Arr resources)) {
      throw new OtelMappingException(
          "Invalid json mapping for otel metrics message - cannot convert to pb");
    }
    ExportMetricsServiceRequest.Builder out = ExportMetricsServiceRequest.newBuilder();
    for (Value rm : resources.items()) {
      if (rm instanceof Value.Obj o) {
        out.addResourceMetrics(
            ResourceMetrics.newBuilder()
                .addAllScopeMetrics(scopeMetrics(o.get("instrumentation_library_metrics")))
                .setResource(OtelCommon.resource(o.get("resource"))));
      }
    }
    return out.build();
  }

  private static List<ScopeMetrics> scopeMetrics(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr scopes)) {
      throw new OtelMappingException("Invalid json mapping for InstrumentationLibraryMetrics");
    }
    List<ScopeMetrics> out = new ArrayList<>(scopes.size());
    for (Value scope : scopes.items()) {
      if (scope instanceof Value.Obj o) {
        ScopeMetrics.Builder sm = ScopeMetrics.newBuilder();
        if (o.get("metrics") instanceof Value.Arr metrics) {
          for (Value m : metrics.items()) {
            Metric.Builder metric =
                Metric.newBuilder()
                    .setName(PbScalars.string(PbScalars.field(m, "name")))
                    .setDescription(PbScalars.string(PbScalars.field(m, "description")))
                    .setUnit(PbScalars.string(PbScalars.field(m, "unit")));
            data(metric, PbScalars.field(m, "data"));
            sm.addMetrics(metric);
          }
        }
        var il = OtelCommon.instrumentationLibrary(o.get("instrumentation_library"));
        if (il != null) {
          sm.setScope(il);
        }
        out.add(sm.build());
      }
    }
    return out;
  }

  private static void data(Metric.Builder out, Value data) throws OtelMappingException {
    if (PbScalars.field(data, "int-gauge") instanceof Value.Obj g) {
      out.setGauge(gauge(g, true));
    } else if (PbScalars.field(data, "double-gauge") instanceof Value.Obj g) {
      out.setGauge(gauge(g, false));
    } else if (PbScalars.field(data, "int-sum") instanceof Value.Obj s) {
      out.setSum(sum(s, true));
    } else if (PbScalars.field(data, "double-sum") instanceof Value.Obj s) {
      out.setSum(sum(s, false));
    } else if (PbScalars.field(data, "int-histogram") instanceof Value.Obj h) {
      out.setHistogram(histogram(h, true));
    } else if (PbScalars.field(data, "double-histogram") instanceof Value.Obj h) {
      out.setHistogram(histogram(h, false));
    } else if (PbScalars.field(data, "double-summary") instanceof Value.Obj s) {
      out.setSummary(
          Summary.newBuilder().addAllDataPoints(OtelMetricPoints.summaries(s.get("data_points"))));
    } else {
      throw new OtelMappingException("Invalid metric data point type - cannot convert to pb");
    }
  }

  private static Gauge gauge(Value.Obj g, boolean ints) throws OtelMappingException {
    return Gauge.newBuilder()
        .addAllDataPoints(OtelMetricPoints.numbers(g.get("data_points"), ints, pointKind(ints)))
        .build();
  }

  private static Sum sum(Value.Obj s, boolean ints) throws OtelMappingException {
    return Sum.newBuilder()
        .addAllDataPoints(OtelMetricPoints.numbers(s.get("data_points"), ints, pointKind(ints)))
        .setIsMonotonic(PbScalars.bool(s.get("is_monotonic")))
        .setAggregationTemporalityValue(PbScalars.i32(s.get("aggregation_temporality")))
        .build();
  }

  private static Histogram histogram(Value.Obj h, boolean ints) throws OtelMappingException {
    return Histogram.newBuilder()
        .addAllDataPoints(
            OtelMetricPoints.histograms(
                h.get("data_points"),
                ints,
                ints ? "IntHistogramDataPoint" : "DoubleHistogramDataPoint"))
        .setAggregationTemporalityValue(PbScalars.i32(h.get("aggregation_temporality")))
        .build();
  }

  private static String pointKind(boolean ints) {
    return ints ? "IntDataPoint" : "DoubleDataPoint";
  }
}
