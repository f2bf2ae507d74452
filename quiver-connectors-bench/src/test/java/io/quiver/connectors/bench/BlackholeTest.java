package io.quiver.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.EpochClock;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlackholeTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final AtomicInteger exitStatus = new AtomicInteger(-1);
  private final CountDownLatch exited = new CountDownLatch(1);

  private Blackhole blackhole(long warmup, long stopAfter) {
    return new Blackhole(
        BenchFakes.BLACKHOLE,
        new BlackholeSettings(warmup, stopAfter, 3),
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        status -> {
          exitStatus.set(status);
          exited.countDown();
        });
  }

  private static Event event(long n, Value data, long ingestNs) {
    return new Event(new EventId(1, 0, n), ingestNs, data, Value.EMPTY_OBJECT, 0);
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void countsReencodedBytesAndEventsAndRecordsLatency() {
    Blackhole b = blackhole(0, 0);
    b.start(new BenchFakes.SinkWithStringCodec());
    long now = EpochClock.nowNs();
    b.onEvent(event(0, Value.of("snot"), now - 5_000_000));
    b.onEvent(event(1, Value.of("badger!"), now - 5_000_000));
    assertThat(b.events()).isEqualTo(2);
    assertThat(b.bytes()).isEqualTo(11);
    b.finish();
    assertThat(exitStatus.get()).isZero();
    String text = output();
    assertThat(text).contains("Value     Percentile TotalCount 1/(1-Percentile)");
    assertThat(text).contains("Total count    =            2");
    // without stop_after_secs the rates are per one second
    assertThat(text)
        .endsWith("\n\nThroughput (data): 0.0 MB/s\nThroughput (events): 0.0 k events/s\n");
  }

  @Test
  void eventsDuringTheWarmupAreIgnored() {
    Blackhole b = blackhole(3600, 0);
    b.start(new BenchFakes.SinkWithStringCodec());
    b.onEvent(event(0, Value.of("snot"), EpochClock.nowNs()));
    assertThat(b.events()).isZero();
    assertThat(b.bytes()).isZero();
  }

  @Test
  void anEventThatCannotBeEncodedIsTimedButAddsNoBytes() {
    Blackhole b = blackhole(0, 0);
    b.start(new BenchFakes.SinkWithStringCodec());
    b.onEvent(event(0, Value.of(1.5), EpochClock.nowNs()));
    assertThat(b.events()).isEqualTo(1);
    assertThat(b.bytes()).isZero();
  }

  @Test
  void printsTheThroughputAndExitsZeroWhenTheMeasurementEnds() throws Exception {
    Blackhole b = blackhole(0, 1);
    b.start(new BenchFakes.SinkWithStringCodec());
    for (int i = 0; i < 2000; i++) {
      b.onEvent(event(i, Value.of("x".repeat(1024)), EpochClock.nowNs()));
    }
    assertThat(exited.await(30, TimeUnit.SECONDS)).as("blackhole exited").isTrue();
    assertThat(exitStatus.get()).isZero();
    // 2000 events of 1 KiB in a 1 s measurement (unless the machine took longer than 1 s for them)
    long counted = b.events();
    String text = output();
    assertThat(text)
        .endsWith(
            String.format(
                java.util.Locale.ROOT,
                "\n\nThroughput (data): %.1f MB/s\nThroughput (events): %.1f k events/s\n",
                counted * 1024 / (1024.0 * 1024.0),
                counted / 1000.0));
    b.onEvent(event(9999, Value.of("late"), EpochClock.nowNs()));
    assertThat(b.events()).isEqualTo(counted);
    b.stop();
  }

  @Test
  void bothBenchConnectorsAreRegisteredForTheServiceLoader() {
    assertThat(java.util.ServiceLoader.load(io.quiver.spi.SinkProvider.class).stream())
        .extracting(p -> p.type().getName())
        .contains(BlackholeProvider.class.getName());
    assertThat(java.util.ServiceLoader.load(io.quiver.spi.SourceProvider.class).stream())
        .extracting(p -> p.type().getName())
        .contains(BlasterProvider.class.getName());
  }

  @Test
  void configUsesTremorsKeys() {
    ConfigSpec spec = new BlackholeProvider().configSpec();
    assertThat(spec.keys())
        .extracting(k -> k.name())
        .containsExactly("stop_after_secs", "significant_figures", "warmup_secs");
    var bad =
        spec.validate(
            Value.obj("stop_after_secs", Value.of(-1), "significant_figures", Value.of(6)));
    assertThat(bad.problems())
        .extracting(p -> p.message())
        .containsExactly(
            "invalid value -1 for configuration stop_after_secs: value must be at least 0",
            "invalid value 6 for configuration significant_figures: value must be between 1 and 5",
            "missing required configuration \"warmup_secs\" which has no default value");
    assertThat(new BlackholeProvider().defaultCodec()).isEqualTo("null");
  }
}
