package io.quiver.connectors.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.testkit.Await;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetronomeTest {
  private static final Artefact ARTEFACT =
      new Artefact("metronome", "01", "tremor://localhost/onramp/metronome/01", false);

  /** Records the payloads handed to the runtime and the flow control of the one stream. */
  private static final class Recording implements SourceContext {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicReference<FlowControl> flow = new AtomicReference<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public Artefact artefact() {
      return ARTEFACT;
    }

    @Override
    public long openStream(FlowControl f) {
      flow.set(f);
      return opened.incrementAndGet();
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      assertThat(stream).isEqualTo(1);
      assertThat(endOfMessage).isTrue();
      received.add(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void closeStream(long stream) {
      closed.incrementAndGet();
    }

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException("metronome is never linked");
    }
  }

  @Test
  void payloadHasTremorsShape() {
    assertThat(new String(Metronome.payload(1_607_000_000_000_000_000L, 0), StandardCharsets.UTF_8))
        .isEqualTo("{\"onramp\":\"metronome\",\"ingest_ns\":1607000000000000000,\"id\":0}");
  }

  @Test
  void emitsEventsWithIdsFromZeroAndStopsOnce() throws Exception {
    Recording ctx = new Recording();
    Metronome m = new Metronome(ARTEFACT, 1);
    m.start(ctx);
    Await.until("three ticks", () -> ctx.received.size() >= 3);
    m.stop();
    m.stop();
    int n = ctx.received.size();
    assertThat(ctx.opened).hasValue(1);
    assertThat(ctx.closed).hasValue(1);
    for (int i = 0; i < n; i++) {
      assertThat(ctx.received.get(i))
          .startsWith("{\"onramp\":\"metronome\",\"ingest_ns\":")
          .endsWith(",\"id\":" + i + "}");
    }
    assertThat(ctx.received).hasSize(n);
  }

  @Test
  void pausedStreamSkipsTicksAndKeepsIdsContiguous() {
    Recording ctx = new Recording();
    Metronome m = new Metronome(ARTEFACT, 3_600_000); // the scheduler never fires: ticks by hand
    m.start(ctx);
    try {
      m.tick();
      ctx.flow.get().pause();
      m.tick();
      m.tick();
      assertThat(ctx.received).hasSize(1);
      ctx.flow.get().resume();
      m.tick();
      assertThat(ctx.received).hasSize(2);
      assertThat(ctx.received.get(1)).endsWith(",\"id\":1}");
    } finally {
      m.stop();
    }
    m.tick();
    assertThat(ctx.received).as("no event after stop").hasSize(2);
  }

  @Test
  void configRequiresAPositiveInterval() {
    var spec = new MetronomeProvider().configSpec();
    assertThat(spec.validate(Value.EMPTY_OBJECT).problems())
        .extracting(p -> p.message())
        .containsExactly("missing required configuration \"interval\" which has no default value");
    assertThat(spec.validate(Value.obj("interval", Value.of(0))).problems())
        .extracting(p -> p.message())
        .containsExactly("invalid value 0 for configuration interval: value must be at least 1");
    var ok = spec.validate(Value.obj("interval", Value.of(250)));
    assertThat(ok.ok()).isTrue();
    assertThat(ok.config().integer("interval")).isEqualTo(250);
    var provider = new MetronomeProvider();
    assertThat(provider.name()).isEqualTo("metronome");
    assertThat(provider.defaultCodec()).isEqualTo("json");
    assertThat(provider.requiresConfig()).isTrue();
  }
}
