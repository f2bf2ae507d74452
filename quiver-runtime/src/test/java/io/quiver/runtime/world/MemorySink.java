package io.quiver.runtime.world;

import io.quiver.spi.Artefact;
import io.quiver.spi.Ports;
import io.quiver.spi.Signal;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory offramp for runtime tests: records events; when linked, echoes them on `out`. With
 * {@code auto_ack: false} the test acks and fails events itself; it can also break and restore the
 * circuit.
 */
public final class MemorySink implements Sink {
  private final boolean echo;
  private final boolean autoAck;

  /** Breaks its circuit in {@link #start}, as a sink that connects first (tcp) does. */
  private boolean brokenAtStart;

  /** An event whose data is this string makes the sink throw a {@link StackOverflowError}. */
  private final String overflowOn;

  private SinkContext context;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

  MemorySink(boolean echo, boolean autoAck) {
    this(echo, autoAck, null);
  }

  MemorySink(boolean echo, boolean autoAck, String overflowOn) {
    this.echo = echo;
    this.autoAck = autoAck;
    this.overflowOn = overflowOn;
  }

  public static final class Provider implements SinkProvider {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public String defaultCodec() {
      return "json";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of(
          ConfigKey.optional("echo", ConfigType.BOOL, Value.FALSE, "echo events on out"),
          ConfigKey.optional(
              "auto_ack", ConfigType.BOOL, Value.TRUE, "the runtime acks each event"),
          ConfigKey.optional(
              "overflow_on",
              ConfigType.STRING,
              Value.of(""),
              "an event with this string as data makes the sink throw a StackOverflowError"),
          ConfigKey.optional(
              "broken_at_start",
              ConfigType.BOOL,
              Value.FALSE,
              "the sink breaks its circuit when it starts (restored by the test)"));
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Sink create(Artefact artefact, Config config) {
      String overflowOn = config.string("overflow_on");
      MemorySink sink =
          new MemorySink(
              config.bool("echo"),
              config.bool("auto_ack"),
              overflowOn.isEmpty() ? null : overflowOn);
      sink.brokenAtStart = config.bool("broken_at_start");
      return sink;
    }
  }

  @Override
  public void start(SinkContext ctx) {
    this.context = ctx;
    if (brokenAtStart) {
      ctx.circuitBroken();
    }
  }

  @Override
  public void onEvent(Event event) {
    if (overflowOn != null && event.data() instanceof Value.Str s && s.value().equals(overflowOn)) {
      throw new StackOverflowError(); // what a runaway recursion would throw, without the depth
    }
    events.add(event);
    if (echo && context.artefact().linked()) {
      context.emit(Ports.OUT, event);
    }
  }

  @Override
  public void onSignal(Signal signal) {
    signals.add(signal);
  }

  /** While true the sink says it still holds unanswered events (a drain waits for it). */
  volatile boolean busy;

  @Override
  public boolean drained() {
    return !busy;
  }

  @Override
  public boolean autoAck() {
    return autoAck;
  }

  void ack(Event event) {
    context.ack(event);
  }

  void fail(Event event) {
    context.fail(event);
  }

  boolean holdOrigin(Event event) {
    return context.holdOrigin(event);
  }

  void releaseOrigin(Event event) {
    context.releaseOrigin(event);
  }

  void breakCircuit() {
    context.circuitBroken();
  }

  void restoreCircuit() {
    context.circuitRestored();
  }

  @Override
  public void stop() {}
}
