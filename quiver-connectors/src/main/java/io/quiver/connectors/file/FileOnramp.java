package io.quiver.connectors.file;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file as one stream on a thread of its own (blocking file I/O; the runtime runs the
 * pipelines inline on the caller): every line is one message, with its preprocessors flushed, as
 * Tremor's file onramp hands each line to its source manager. While the runtime pauses the stream
 * (backpressure, a broken circuit) the thread waits before the next line, so nothing is lost and
 * memory stays bounded by one line. At the end of the file the stream is closed, then, after {@code
 * sleep_on_done}, {@code close_on_done} ends the process with status 0.
 *
 * <p>The file is opened in {@link #start}, so a file that cannot be read fails the deployment at
 * startup with a message naming it. A read error later (a truncated {@code .xz}, say) is logged
 * once with the line reached and ends the file as its end would.
 */
final class FileOnramp implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(FileOnramp.class);

  /** How long a paused reader sleeps between looks (it is also woken by a resume). */
  private static final long PAUSED_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Artefact artefact;
  private final FileOnrampSettings settings;
  private volatile boolean running;
  private volatile boolean paused;
  private volatile Thread thread;

  FileOnramp(Artefact artefact, FileOnrampSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SourceContext context) throws IOException {
    InputStream in;
    try {
      in = FileAccess.openSource(settings.source());
    } catch (IOException e) {
      throw new IOException("[Source::" + artefact.url() + "] " + e.getMessage(), e);
    }
    running = true;
    thread =
        Thread.ofPlatform()
            .name("file-" + artefact.id() + "-" + artefact.instance())
            .daemon(true)
            .start(() -> run(context, in));
  }

  private void run(SourceContext context, InputStream in) {
    Thread self = Thread.currentThread();
    long stream =
        context.openStream(
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
            });
    boolean complete = read(context, stream, in);
    context.closeStream(stream); // flushes the preprocessors
    if (!complete) {
      return;
    }
    sleepOnDone();
    if (running && settings.closeOnDone()) {
      LOG.info(
          "[Source::{}] {} read, close_on_done: ending the process with status 0",
          artefact.url(),
          settings.source());
      context.exitProcess(0);
    }
  }

  /** Hands every line to the runtime; false when stopped before the end. */
  private boolean read(SourceContext context, long stream, InputStream in) {
    LineReader lines = new LineReader(in);
    try (in) {
      byte[] line;
      while (running && (line = lines.next()) != null) {
        while (paused && running) {
          LockSupport.parkNanos(PAUSED_PARK_NS);
        }
        if (!running) {
          return false;
        }
        context.receive(stream, line, Value.EMPTY_OBJECT, true);
      }
      if (running) {
        LOG.debug(
            "[Source::{}] {}: {} lines read", artefact.url(), settings.source(), lines.lines());
      }
      return running;
    } catch (IOException e) {
      LOG.error(
          "[Source::{}] cannot read {} after line {}: {}; the rest of the file is skipped",
          artefact.url(),
          settings.source().toAbsolutePath(),
          lines.lines(),
          FileAccess.describe(e));
      return running;
    } catch (RuntimeException e) {
      LOG.error("[Source::{}] file onramp stopped: {}", artefact.url(), e.toString(), e);
      return false;
    }
  }

  private void sleepOnDone() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.sleepOnDoneMs());
    long left;
    while (running && (left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    LockSupport.unpark(t);
    try {
      t.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
