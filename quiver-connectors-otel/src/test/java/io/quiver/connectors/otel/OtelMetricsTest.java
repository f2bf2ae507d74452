package io.quiver.connectors.otel;

import static io.quiver.connectors.otel.OtelLogsTest.SPAN;
import static io.quiver.connectors.otel.OtelLogsTest.TRACE;
import static io.quiver.connectors.otel.OtelLogsTest.kv;
import static io.quiver.connectors.otel.OtelLogsTest.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtelMetricsTest {
  static final long T0 = 1_700_000_000_000_000_000L;
  static final long T1 = 1_700_000_010_000_000_000L;

  static NumberDataPoint intPoint(long v) {
    return NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(T0)
        .setTimeUnixNano(T1)
        .setAsInt(v)
        .addAttributes(kv("host", str("a")))
        .addExemplars(
            Exemplar.newBuilder()
                .setTimeUnixNano(T0 + 5)
                .setAsInt(v)
                .setTraceId(ByteString.copyFrom(TRACE))
                .setSpanId(ByteString.copyFrom(SPAN))
                .addFilteredAttributes(kv("f", str("g"))))
        .build();
  }

  static NumberDataPoint doublePoint(double v) {
    return NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(T0)
        .setTimeUnixNano(T1)
        .setAsDouble(v)
        .build();
  }

  static Metric metric(String name, Metric.Builder data) {
    return data.setName(name).setDescription("about " + name).setUnit("ms").build();
  }

  static ExportMetricsServiceRequest request() {
    HistogramDataPoint histogramPoint =
        HistogramDataPoint.newBuilder()
            .setStartTimeUnixNano(T0)
            .setTimeUnixNano(T1)
            .setCount(6)
            .setSum(21.5)
            .addAllBucketCounts(List.of(1L, 2L, 3L))
            .addAllExplicitBounds(List.of(0.5, 10.0))
            .setMin(0.25)
            .setMax(12.0)
            .addAttributes(kv("route", str("/x")))
            .build();
    SummaryDataPoint summaryPoint =
        SummaryDataPoint.newBuilder()
            .setStartTimeUnixNano(T0)
            .setTimeUnixNano(T1)
            .setCount(3)
            .setSum(9.0)
            .addQuantileValues(
                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(2.5))
            .build();
    int cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE_VALUE;
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("svc"))))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder().setName("meter").setVersion("2"))
                        .addMetrics(
                            metric(
                                "ig",
                                Metric.newBuilder()
                                    .setGauge(Gauge.newBuilder().addDataPoints(intPoint(7)))))
                        .addMetrics(
                            metric(
                                "dg",
                                Metric.newBuilder()
                                    .setGauge(Gauge.newBuilder().addDataPoints(doublePoint(1.5)))))
                        .addMetrics(
                            metric(
                                "is",
                                Metric.newBuilder()
                                    .setSum(
                                        Sum.newBuilder()
                                            .setIsMonotonic(true)
                                            .setAggregationTemporalityValue(cumulative)
                                            .addDataPoints(intPoint(42)))))
                        .addMetrics(
                            metric(
                                "ds",
                                Metric.newBuilder()
                                    .setSum(
                                        Sum.newBuilder()
                                            .setAggregationTemporalityValue(1)
                                            .addDataPoints(doublePoint(-2.75)))))
                        .addMetrics(
                            metric(
                                "h",
                                Metric.newBuilder()
                                    .setHistogram(
                                        Histogram.newBuilder()
                                            .setAggregationTemporalityValue(cumulative)
                                            .addDataPoints(histogramPoint))))
                        .addMetrics(
                            metric(
                                "s",
                                Metric.newBuilder()
                                    .setSummary(
                                        Summary.newBuilder().addDataPoints(summaryPoint))))))
        .build();
  }

  static Value.Obj data(Value event, int metric) {
    Value.Obj rm = (Value.Obj) ((Value.Arr) ((Value.Obj) event).get("metrics")).get(0);
    Value.Obj ilm = (Value.Obj) ((Value.Arr) rm.get("instrumentation_library_metrics")).get(0);
    return (Value.Obj) ((Value.Arr) ilm.get("metrics")).get(metric);
  }

  @Test
  void requestBecomesTremorsShapeFieldByField() {
    Value event = OtelMetrics.toValue(request());
    Value.Obj rm = (Value.Obj) ((Value.Arr) ((Value.Obj) event).get("metrics")).get(0);
    assertThat(Json.write(rm.get("resource")))
        .isEqualTo("{\"attributes\":{\"service.name\":\"svc\"},\"dropped_attributes_count\":0}");
    Value.Obj ilm = (Value.Obj) ((Value.Arr) rm.get("instrumentation_library_metrics")).get(0);
    assertThat(Json.write(ilm.get("instrumentation_library")))
        .isEqualTo("{\"name\":\"meter\",\"version\":\"2\"}");
    Value.Obj ig = data(event, 0);
    assertThat(ig.get("name")).isEqualTo(Value.of("ig"));
    assertThat(ig.get("description")).isEqualTo(Value.of("about ig"));
    assertThat(ig.get("unit")).isEqualTo(Value.of("ms"));
    assertThat(Json.write(ig.get("data")))
        .isEqualTo(
            "{\"int-gauge\":{\"data_points\":[{\"value\":7,\"start_time_unix_nano\":"
                + T0
                + ",\"time_unix_nano\":"
                + T1
                + ",\"labels\":{\"host\":\"a\"},\"exemplars\":[{\"span_id\":\"eee19b7ec3c1b174\","
                + "\"trace_id\":\"5b8efff798038103d269b633813fc60c\",\"filtered_labels\":{\"f\":\"g\"},"
                + "\"time_unix_nano\":"
                + (T0 + 5)
                + ",\"value\":7}]}]}}");
    assertThat(Json.write(data(event, 1).get("data")))
        .isEqualTo(
            "{\"double-gauge\":{\"data_points\":[{\"value\":1.5,\"start_time_unix_nano\":"
                + T0
                + ",\"time_unix_nano\":"
                + T1
                + ",\"labels\":{},\"exemplars\":[]}]}}");
    assertThat(Json.write(data(event, 2).get("data")))
        .startsWith("{\"int-sum\":{\"is_monotonic\":true,\"data_points\":[{\"value\":42,")
        .endsWith("\"aggregation_temporality\":2}}");
    assertThat(Json.write(data(event, 3).get("data")))
        .startsWith("{\"double-sum\":{\"is_monotonic\":false,\"data_points\":[{\"value\":-2.75,")
        .endsWith("\"aggregation_temporality\":1}}");
    assertThat(Json.write(data(event, 4).get("data")))
        .isEqualTo(
            "{\"double-histogram\":{\"data_points\":[{\"start_time_unix_nano\":"
                + T0
                + ",\"time_unix_nano\":"
                + T1
                + ",\"labels\":{\"route\":\"/x\"},\"exemplars\":[],\"sum\":21.5,\"count\":6,"
                + "\"explicit_bounds\":[0.5,10.0],\"bucket_counts\":[1,2,3],\"min\":0.25,"
                + "\"max\":12.0}],\"aggregation_temporality\":2}}");
    assertThat(Json.write(data(event, 5).get("data")))
        .isEqualTo(
            "{\"double-summary\":{\"data_points\":[{\"start_time_unix_nano\":"
                + T0
                + ",\"time_unix_nano\":"
                + T1
                + ",\"labels\":{},\"quantile_values\":[{\"value\":2.5,\"quantile\":0.5}],"
                + "\"sum\":9.0,\"count\":3}]}}");
  }

  @Test
  void roundTripIsExact() throws Exception {
    ExportMetricsServiceRequest request = request();
    assertThat(OtelMetrics.toPb(OtelMetrics.toValue(request))).isEqualTo(request);
    assertThat(OtelMetrics.toPb(Json.parse(Json.write(OtelMetrics.toValue(request)))))
        .isEqualTo(request);
  }

  @Test
  void mixedPointsReadAsDoublesAndExponentialHistogramsAsNull() {
    Metric mixed =
        metric(
            "m",
            Metric.newBuilder()
                .setGauge(
                    Gauge.newBuilder().addDataPoints(doublePoint(0.5)).addDataPoints(intPoint(3))));
    Metric exp =
        metric(
            "e",
            Metric.newBuilder().setExponentialHistogram(ExponentialHistogram.getDefaultInstance()));
    Value event =
        OtelMetrics.toValue(
            ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(
                    ResourceMetrics.newBuilder()
                        .addScopeMetrics(
                            ScopeMetrics.newBuilder().addMetrics(mixed).addMetrics(exp)))
                .build());
    assertThat(Json.write(data(event, 0).get("data")))
        .contains("\"double-gauge\"")
        .contains("\"value\":0.5")
        .contains("\"value\":3.0");
    assertThat(data(event, 1).get("data")).isEqualTo(Value.NULL);
    assertThatThrownBy(() -> OtelMetrics.toPb(event))
        .hasMessage("Invalid metric data point type - cannot convert to pb");
  }

  @Test
  void badShapesAreRefusedWithTremorsTexts() throws Exception {
    String json = Json.write(OtelMetrics.toValue(request()));
    assertThatThrownBy(() -> OtelMetrics.toPb(Value.obj("metrics", Value.EMPTY_OBJECT)))
        .hasMessage("Invalid json mapping for otel metrics message - cannot convert to pb");
    assertThatThrownBy(
            () -> OtelMetrics.toPb(Json.parse(json.replace("\"value\":7,", "\"value\":7.5,"))))
        .hasMessage("not coercable to i64");
    assertThatThrownBy(
            () ->
                OtelMetrics.toPb(
                    Json.parse(json.replace("\"is_monotonic\":true", "\"is_monotonic\":1"))))
        .hasMessage("not coercable to bool");
    assertThatThrownBy(
            () ->
                OtelMetrics.toPb(
                    Json.parse(
                        json.replace("\"bucket_counts\":[1,2,3]", "\"bucket_counts\":[1,-2]"))))
        .hasMessage("not coercable to u64");
    assertThatThrownBy(
            () ->
                OtelMetrics.toPb(
                    Json.parse(json.replace("\"labels\":{\"route\":\"/x\"}", "\"labels\":[]"))))
        .hasMessage("Unable to map json to Vec<StringKeyValue> pb");
    assertThatThrownBy(
            () ->
                OtelMetrics.toPb(
                    Json.parse(
                        json.replace("\"quantile_values\":[", "\"quantile_values\":7,\"q\":["))))
        .hasMessage("Unable to map json value to ValueAtQuantiles");
  }
}
