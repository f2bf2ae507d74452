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
  private SinkContext context;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

  MemorySink(boolean echo, boolean autoAck) {
    this.echo = echo;
    this.autoAck = autoAck;
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
          ConfigKey.optional("auto_ack", ConfigType.BOOL, Value.TRUE, "the runtime acks each event"));
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Sink create(Artefact artefact, Config config) {
      return new MemorySink(config.bool("echo"), config.bool("auto_ack"));
    }
  }

  @Override
  public void start(SinkContext ctx) {
    this.context = ctx;
  }

  @Override
  public void onEvent(Event event) {
    events.add(event);
    if (echo && context.artefact().linked()) {
      context.emit(Ports.OUT, event);
    }
  }

  @Override
  public void onSignal(Signal signal) {
    signals.add(signal);
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
