package io.quiver.runtime.world;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory onramp for runtime tests: the test pushes bytes in and reads replies out. With
 * {@code transactional: true} it records the acks and fails it gets; it records circuit changes and
 * the pause/resume calls on each stream's flow control.
 */
public final class MemorySource implements Source {
  private SourceContext context;
  private final boolean transactional;
  final BlockingQueue<Event> replies = new LinkedBlockingQueue<>();

  /** {@code ack 1:0:3}, {@code fail 1:0:4}, {@code circuit broken}, {@code circuit restored}. */
  final BlockingQueue<String> contraflow = new LinkedBlockingQueue<>();

  /**
   * {@code <stream> pause}, {@code <stream> resume}, in order (as objects whose {@code toString}
   * reads the stream id late: a stream opened while the circuit is broken is paused before its id
   * is returned).
   */
  final BlockingQueue<Object> flow = new LinkedBlockingQueue<>();

  MemorySource(boolean transactional) {
    this.transactional = transactional;
  }

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
      return ConfigSpec.of(
          ConfigKey.optional(
              "transactional",
              ConfigType.BOOL,
              io.quiver.value.Value.FALSE,
              "whether the source wants acks and fails"));
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Source create(Artefact artefact, Config config) {
      return new MemorySource(config.bool("transactional"));
    }
  }

  @Override
  public void start(SourceContext ctx) {
    this.context = ctx;
  }

  long connect() {
    long[] id = new long[1];
    id[0] =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                flow.add(
                    new Object() {
                      @Override
                      public String toString() {
                        return id[0] + " pause";
                      }
                    });
              }

              @Override
              public void resume() {
                flow.add(
                    new Object() {
                      @Override
                      public String toString() {
                        return id[0] + " resume";
                      }
                    });
              }
            });
    return id[0];
  }

  void send(long stream, String text) {
    context.receive(
        stream, text.getBytes(StandardCharsets.UTF_8), Value.obj("binary", Value.FALSE), true);
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
  public boolean transactional() {
    return transactional;
  }

  @Override
  public void ack(EventId id) {
    contraflow.add("ack " + id);
  }

  @Override
  public void fail(EventId id) {
    contraflow.add("fail " + id);
  }

  @Override
  public void circuitBroken() {
    contraflow.add("circuit broken");
  }

  @Override
  public void circuitRestored() {
    contraflow.add("circuit restored");
  }

  @Override
  public void stop() {}
}
