package io.quiver.connectors.bench;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the lines of a file as one stream on its own thread: each line is one message handed to
 * the runtime, which decodes it and runs the pipelines inline on this thread. Honours backpressure
 * (the runtime pauses the stream while a pipeline queue is full).
 *
 * <p>Lines are sent without copying: the same byte arrays are handed out on every pass, so codecs
 * must not modify their input (none does).
 */
final class Blaster implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(Blaster.class);

  private final Artefact artefact;
  private final BlasterSettings settings;
  private volatile boolean running;
  private volatile boolean paused;
  private Thread thread;

  Blaster(Artefact artefact, BlasterSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SourceContext context) throws Exception {
    List<byte[]> lines = ReplayData.load(Path.of(settings.source()), settings.base64());
    running = true;
    thread =
        Thread.ofPlatform()
            .name("blaster-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(() -> replay(context, lines));
  }

  private void replay(SourceContext context, List<byte[]> lines) {
    Thread self = Thread.currentThread();
    FlowControl flow =
        new FlowControl() {
          @Override
          public void pause() {
            paused = true;
          }

          @Override
          public void resume() {
            paused = false;
            LockSupport.unpark(self);
          }
        };
    long stream = context.openStream(flow);
    byte[][] data = lines.toArray(new byte[0][]);
    long limit = settings.iters().orElse(Long.MAX_VALUE);
    long interval = settings.intervalNs().orElse(0);
    long next = System.nanoTime();
    long sent = 0;
    int index = 0;
    try {
      while (running && sent < limit) {
        if (interval > 0) {
          next += interval;
          waitUntil(next);
        }
        while (paused && running) {
          LockSupport.parkNanos(1_000_000);
        }
        context.receive(stream, data[index], Value.EMPTY_OBJECT, true);
        sent++;
        if (++index == data.length) {
          index = 0;
        }
      }
    } catch (RuntimeException e) {
      LOG.error("[Source::{}] blaster stopped: {}", artefact.url(), e.toString(), e);
    }
    context.closeStream(stream);
    LOG.debug("[Source::{}] blaster done after {} events", artefact.url(), sent);
  }

  private void waitUntil(long deadline) {
    long left;
    while (running && (left = deadline - System.nanoTime()) > 0) {
      if (left > 100_000) {
        LockSupport.parkNanos(left - 50_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
