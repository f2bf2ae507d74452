package io.quiver.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tremor's otel workshop examples (40-44) as this repository's example folders, run with their
 * ports moved to free ones and standard output written to files: the OpenTelemetry Java SDK sends
 * to the onramp, and what the READMEs show is checked (the JSON mapping printed; traces, metrics
 * and logs forwarded to the receiver, or not).
 */
class OtelWorkshopExamplesIT {
  private static final Duration WITHIN = Duration.ofSeconds(120);
  private static final Path EXAMPLES = findExamples();
  private final List<AutoCloseable> open = new ArrayList<>();
  @TempDir Path tmp;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void passthroughPrintsTheMappingAndForwardsToTheCollectorOnceItIsThere() throws Exception {
    int in = port();
    int collectorPort = port();
    Path printed = tmp.resolve("tremor.json");
    Path collectorPrinted = tmp.resolve("collector.json");
    start("40_otel_passthrough", tmp.resolve("tremor"), printed, 4316, in, 4317, collectorPort);
    SdkPeer sdk = closeLater(new SdkPeer(in));

    // the collector is not there yet: the deployment runs and prints all the same
    sdk.loggers.get("w40").logRecordBuilder().setSeverity(Severity.INFO).setBody("early").emit();
    assertThat(sdk.flushLogs()).isTrue();
    Await.until("the early log printed", WITHIN, () -> lines(printed).size() == 1);
    assertThat(lines(printed).get(0)).startsWith("{\"logs\":[").contains("\"body\":\"early\"");

    start(
        "40_otel_passthrough/collector",
        tmp.resolve("collector"),
        collectorPrinted,
        4317,
        collectorPort);
    Await.until(
        "a span sent after the collector started reaches it",
        WITHIN,
        () -> {
          Span span = sdk.tracers.get("w40").spanBuilder("late").startSpan();
          span.end();
          sdk.flushSpans();
          return lines(collectorPrinted).stream().anyMatch(l -> l.contains("\"name\":\"late\""));
        });
    String atCollector =
        lines(collectorPrinted).stream().filter(l -> l.contains("\"late\"")).findFirst().get();
    assertThat(lines(printed))
        .as("what tremor printed is what the collector got")
        .contains(atCollector);
    assertThat(atCollector).startsWith("{\"trace\":[{\"instrumentation_library_spans\":[");
  }

  @ParameterizedTest
  @ValueSource(strings = {"41_otel_zipkin", "42_otel_jaeger", "43_otel_prometheus"})
  void theOnrampPrintsWhatItReceives(String example) throws Exception {
    int in = port();
    Path printed = tmp.resolve("out.json");
    start(example, tmp.resolve("tremor"), printed, 4316, in);
    SdkPeer sdk = closeLater(new SdkPeer(in));
    sdk.meters.get(example).counterBuilder("hits").build().add(5);
    Span span = sdk.tracers.get(example).spanBuilder("op").startSpan();
    span.end();
    assertThat(sdk.flushMetrics()).isTrue();
    assertThat(sdk.flushSpans()).isTrue();
    Await.until("a metrics and a trace event printed", WITHIN, () -> lines(printed).size() >= 2);
    assertThat(lines(printed))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("{\"metrics\":[")
                    .contains("\"int-sum\"")
                    .contains("\"value\":5"))
        .anySatisfy(l -> assertThat(l).startsWith("{\"trace\":[").contains("\"name\":\"op\""));
  }

  @Test
  void elasticApmGetsTracesAndMetricsButNoLogs() throws Exception {
    int in = port();
    OtlpTestReceiver apm = closeLater(new OtlpTestReceiver(port()).start());
    Path printed = tmp.resolve("out.json");
    start("44_otel_elastic_apm", tmp.resolve("tremor"), printed, 4316, in, 8200, apm.port());
    SdkPeer sdk = closeLater(new SdkPeer(in));
    sdk.loggers.get("w44").logRecordBuilder().setBody("not for apm").emit();
    Span span = sdk.tracers.get("w44").spanBuilder("for apm").startSpan();
    span.end();
    sdk.meters.get("w44").counterBuilder("n").build().add(1);
    assertThat(sdk.flushLogs()).isTrue();
    assertThat(sdk.flushSpans()).isTrue();
    assertThat(sdk.flushMetrics()).isTrue();
    Await.until("all three printed", WITHIN, () -> lines(printed).size() >= 3);
    Await.until(
        "the span and the metrics at apm",
        WITHIN,
        () -> apm.traces.size() == 1 && apm.metrics.size() == 1);
    assertThat(apm.traces.get(0).getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
        .isEqualTo("for apm");
    assertThat(apm.logs).isEmpty();
  }

  /** Copies an example's deployment files with ports and /dev/stdout replaced, and starts it. */
  private void start(String example, Path dir, Path stdout, int... portPairs) throws Exception {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(EXAMPLES.resolve(example))) {
      for (Path f : list.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!(name.endsWith(".trickle") || name.endsWith(".yaml")) || name.equals("up.yaml")) {
          continue;
        }
        String text = Files.readString(f);
        for (int i = 0; i < portPairs.length; i += 2) {
          text = text.replace(String.valueOf(portPairs[i]), String.valueOf(portPairs[i + 1]));
        }
        text = text.replace("0.0.0.0", "127.0.0.1").replace("/dev/stdout", stdout.toString());
        Path target = dir.resolve(name);
        Files.writeString(target, text);
        files.add(target);
      }
    }
    World world = World.load(files, Registry.load());
    world.start();
    open.add(world::stop);
  }

  /** A free port whose digits contain none of the examples' ports that {@link #start} replaces. */
  private static int port() throws IOException {
    while (true) {
      int p = OtlpTestReceiver.freePort();
      String text = Integer.toString(p);
      if (!text.contains("4316") && !text.contains("4317") && !text.contains("8200")) {
        return p;
      }
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    open.add(resource);
    return resource;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findExamples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/40_otel_passthrough"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no examples/40_otel_passthrough above the working directory");
    }
    return dir.resolve("examples");
  }
}
