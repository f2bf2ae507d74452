package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineTickerTest {
  /** Records the thread of every tick it gets. */
  private static final class Ticked implements Pipeline {
    final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();

    @Override
    public String id() {
      return "ticked";
    }

    @Override
    public void onEvent(String inputPort, Event event, Emitter out) {}

    @Override
    public void onSignal(Signal signal, Emitter out) {
      if (signal instanceof Signal.Tick) {
        ticks.add(Thread.currentThread().getName());
      }
    }
  }

  @Test
  void everyPipelineIsTickedOnTheTickThread() throws Exception {
    Ticked a = new Ticked();
    Ticked b = new Ticked();
    PipelineTicker ticker = new PipelineTicker();

    ticker.start(
        List.of(
            new PipelineRunner(TremorUrl.parse("/pipeline/a/01"), a),
            new PipelineRunner(TremorUrl.parse("/pipeline/b/01"), b)));
    try {
      assertThat(a.ticks.poll(5, TimeUnit.SECONDS)).isEqualTo("quiver-ticks");
      assertThat(b.ticks.poll(5, TimeUnit.SECONDS)).isEqualTo("quiver-ticks");
    } finally {
      ticker.stop();
    }
    ticker.stop(); // a second stop is harmless
  }

  @Test
  void anUpdatedListIsTickedFromTheNextTickOn() throws Exception {
    Ticked a = new Ticked();
    Ticked b = new Ticked();
    PipelineTicker ticker = new PipelineTicker();
    ticker.start(List.of(new PipelineRunner(TremorUrl.parse("/pipeline/a/01"), a)));
    try {
      assertThat(a.ticks.poll(5, TimeUnit.SECONDS)).isNotNull();
      ticker.update(List.of(new PipelineRunner(TremorUrl.parse("/pipeline/b/01"), b)));
      assertThat(b.ticks.poll(5, TimeUnit.SECONDS)).isEqualTo("quiver-ticks");
      a.ticks.clear();
      assertThat(b.ticks.poll(5, TimeUnit.SECONDS)).isNotNull(); // a full tick after the clear
      assertThat(a.ticks.poll(300, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      ticker.stop();
    }
  }

  @Test
  void stoppingATickerThatNeverStartedDoesNothing() {
    new PipelineTicker().stop();
  }
}
