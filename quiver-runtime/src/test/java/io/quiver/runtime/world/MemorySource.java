package io.quiver.runtime.world;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** An in-memory onramp for runtime tests: the test pushes bytes in and reads replies out. */
public final class MemorySource implements Source {
  private SourceContext context;
  final BlockingQueue<Event> replies = new LinkedBlockingQueue<>();

  public static final class Provider implements SourceProvider {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public String defaultCodec() {
      return "string";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of();
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Source create(Artefact artefact, Config config) {
      return new MemorySource();
    }
  }

  @Override
  public void start(SourceContext ctx) {
    this.context = ctx;
  }

  long connect() {
    return context.openStream(FlowControl.NONE);
  }

  void send(long stream, String text) {
    context.receive(stream, text.getBytes(StandardCharsets.UTF_8), Value.obj("binary", Value.FALSE), true);
  }

  void sendBytes(long stream, byte[] data) {
    context.receive(stream, data, Value.obj("binary", Value.TRUE), true);
  }

  void disconnect(long stream) {
    context.closeStream(stream);
  }

  @Override
  public void reply(Event event) {
    replies.add(event);
  }

  @Override
  public void stop() {}
}
