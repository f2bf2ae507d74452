package io.quiver.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java SDK's OTLP gRPC exporters -> otel onramp -> pipeline -> otel offramp -> an
 * OTLP receiver built from opentelemetry-proto's stubs. The SDK sends the same recorded data to a
 * second receiver directly, so what came through Quiver is compared with what the SDK sent, message
 * for message.
 */
class OtelRoundTripIT {
  private static final Duration WITHIN = Duration.ofSeconds(120);
  @TempDir Path tmp;

  @Test
  void tracesLogsAndMetricsComeThroughUnchanged() throws Exception {
    int onramp = OtlpTestReceiver.freePort();
    try (var viaQuiver = new OtlpTestReceiver(OtlpTestReceiver.freePort()).start();
        var direct = new OtlpTestReceiver(OtlpTestReceiver.freePort()).start();
        var deployment = OtelDeployment.start(tmp, onramp, viaQuiver.port());
        var sdk = new SdkPeer(onramp, direct.port())) {
      Tracer tracer = sdk.tracers.get("it-tracer", "1.0");
      Span parent = tracer.spanBuilder("parent").setSpanKind(SpanKind.SERVER).startSpan();
      Logger logger = sdk.loggers.get("it-logger");
      try (Scope ignored = parent.makeCurrent()) {
        Span child =
            tracer
                .spanBuilder("child")
                .setAttribute("http.status", 503L)
                .setAttribute("ratio", 0.5)
                .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                .startSpan();
        child.addEvent("retry", Attributes.of(AttributeKey.booleanKey("final"), false));
        child.setStatus(StatusCode.ERROR, "upstream down");
        child.end();
        logger
            .logRecordBuilder()
            .setSeverity(Severity.WARN)
            .setSeverityText("WARN")
            .setBody("inside a span")
            .setAttribute(AttributeKey.longKey("n"), 1L)
            .emit();
      }
      parent.end();
      logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("outside").emit();
      Meter meter = sdk.meters.get("it-meter");
      meter
          .counterBuilder("requests")
          .build()
          .add(3, Attributes.of(AttributeKey.stringKey("route"), "/a"));
      meter.counterBuilder("bytes").ofDoubles().build().add(1.5);
      meter.histogramBuilder("latency").setUnit("ms").build().record(12.5);
      meter.gaugeBuilder("temperature").ofLongs().build().set(21);

      assertThat(sdk.flushSpans()).as("the onramp answered the span exports").isTrue();
      assertThat(sdk.flushLogs()).as("the onramp answered the log exports").isTrue();
      assertThat(sdk.flushMetrics()).as("the onramp answered the metric export").isTrue();

      Await.until("2 span exports through Quiver", WITHIN, () -> viaQuiver.traces.size() >= 2);
      Await.until("2 log exports through Quiver", WITHIN, () -> viaQuiver.logs.size() >= 2);
      Await.until("1 metrics export through Quiver", WITHIN, () -> viaQuiver.metrics.size() >= 1);
      // the SDK exports each span and log on its own: the order of the exports may differ
      assertThat(viaQuiver.traces)
          .containsExactlyInAnyOrderElementsOf(direct.traces.stream().map(Normal::traces).toList());
      assertThat(viaQuiver.logs)
          .containsExactlyInAnyOrderElementsOf(direct.logs.stream().map(Normal::logs).toList());
      assertThat(viaQuiver.metrics).containsExactly(Normal.metrics(direct.metrics.get(0)));

      // and a few fields by name, so the comparison above cannot pass on two empty messages
      ExportTraceServiceRequest first =
          viaQuiver.traces.stream()
              .filter(
                  r -> r.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName().equals("child"))
              .findFirst()
              .orElseThrow();
      var child = first.getResourceSpans(0).getScopeSpans(0).getSpans(0);
      assertThat(child.getName()).isEqualTo("child");
      assertThat(child.getStatus().getMessage()).isEqualTo("upstream down");
      assertThat(java.util.HexFormat.of().formatHex(child.getTraceId().toByteArray()))
          .isEqualTo(parent.getSpanContext().getTraceId());
      assertThat(java.util.HexFormat.of().formatHex(child.getParentSpanId().toByteArray()))
          .isEqualTo(parent.getSpanContext().getSpanId());
      assertThat(first.getResourceSpans(0).getScopeSpans(0).getScope().getVersion())
          .isEqualTo("1.0");
      LogRecord inside =
          viaQuiver.logs.stream()
              .map(r -> r.getResourceLogs(0).getScopeLogs(0).getLogRecords(0))
              .filter(l -> l.getBody().getStringValue().equals("inside a span"))
              .findFirst()
              .orElseThrow();
      assertThat(inside.getBody().getStringValue()).isEqualTo("inside a span");
      assertThat(inside.getFlags() & 1).as("sampled").isEqualTo(1);
      ExportMetricsServiceRequest metrics = viaQuiver.metrics.get(0);
      assertThat(metrics.getResourceMetrics(0).getScopeMetrics(0).getMetricsCount()).isEqualTo(4);
      assertThat(deployment.errorLines()).isEmpty();
    }
  }

  @Test
  void badEventsBecomeErrorEventsAndTheStreamKeepsFlowing() throws Exception {
    int onramp = OtlpTestReceiver.freePort();
    try (var receiver = new OtlpTestReceiver(OtlpTestReceiver.freePort()).start();
        var deployment = OtelDeployment.start(tmp, onramp, receiver.port());
        var sdk = new SdkPeer(onramp)) {
      Logger logger = sdk.loggers.get("it");
      for (String body : List.of("first", "poison", "junk", "last")) {
        logger.logRecordBuilder().setBody(body).emit();
        assertThat(sdk.flushLogs()).isTrue();
      }
      Await.until("2 good logs at the receiver", WITHIN, () -> receiver.logs.size() >= 2);
      Await.until("2 error events", WITHIN, () -> deployment.errorLines().size() >= 2);
      assertThat(receiver.logs).extracting(OtelRoundTripIT::body).containsExactly("first", "last");
      List<String> errors = deployment.errorLines();
      assertThat(errors.get(0))
          .contains(
              "\"error\":\"Invalid json mapping for otel logs message - cannot convert to pb\"")
          .contains("\"event\":{\"logs\":7}");
      assertThat(errors.get(1))
          .contains(
              "\"error\":\"Unsupported event received by OTEL sink: {\\\"snot\\\":\\\"badger\\\"}\"");
    }
  }

  @Test
  void theReceiverGoingAwayBreaksTheCircuitAndItsReturnRestoresIt() throws Exception {
    int onramp = OtlpTestReceiver.freePort();
    var receiver = new OtlpTestReceiver(OtlpTestReceiver.freePort()).start();
    try (var deployment = OtelDeployment.start(tmp, onramp, receiver.port());
        var sdk = new SdkPeer(onramp)) {
      Logger logger = sdk.loggers.get("it");
      logger.logRecordBuilder().setBody("before").emit();
      assertThat(sdk.flushLogs()).isTrue();
      Await.until("the first log at the receiver", WITHIN, () -> receiver.logs.size() == 1);

      receiver.stop();
      logger.logRecordBuilder().setBody("while away").emit();
      sdk.flushLogs();
      Await.until(
          "an error event for the log sent while the receiver was away",
          WITHIN,
          () -> deployment.errorLines().stream().anyMatch(l -> l.contains("while away")));
      assertThat(deployment.errorLines().get(0))
          .contains("Failed to dispatch otel/gRPC logs message: status: UNAVAILABLE, message: ");

      receiver.start();
      // the circuit is restored once the probe reaches the receiver; the onramp takes data again
      Await.until(
          "a log sent after the receiver came back arrives",
          WITHIN,
          () -> {
            logger.logRecordBuilder().setBody("after").emit();
            sdk.flushLogs();
            return receiver.logs.stream().anyMatch(r -> "after".equals(body(r)));
          });
      assertThat(receiver.logs).extracting(OtelRoundTripIT::body).doesNotContain("while away");
    } finally {
      receiver.close();
    }
  }

  @Test
  void aBadConfigIsRefusedAtStartupNamingTheKey() throws Exception {
    Path work = tmp.resolve("work.trickle");
    Files.writeString(work, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        OtelDeployment.yaml(70_000, 4317, tmp.resolve("e.json"))
            .replace("      host: 127.0.0.1\n      port: 4317\n", "      port: 4317\n"));
    Files.writeString(tmp.resolve("errs.trickle"), "select event from in into out;\n");
    assertThatThrownBy(
            () -> World.load(List.of(work, tmp.resolve("errs.trickle"), config), Registry.load()))
        .hasMessageContaining("/onramp/in: invalid value 70000 for configuration port")
        .hasMessageContaining("/offramp/out: missing required configuration \"host\"");
  }

  private static String body(ExportLogsServiceRequest r) {
    return r.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue();
  }
}
