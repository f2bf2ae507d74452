package io.quiver.connectors.cb;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code cb} onramp: sends every line of the source file as a transactional event, counts
 * the acks and fails that come back ({@link CbLedger}), says {@code All required CB events
 * received.} on stderr once they are all in, and {@code timeout} ms after the last line ends the
 * process: 0 when nothing is missing, else 1 after Tremor's report of what came back.
 *
 * <p>Reading, the report and the exit run on one daemon thread of its own, so stderr is never
 * written from a pipeline thread; acks and fails (any thread) only update the ledger. While the
 * runtime pauses the stream (backpressure, a broken circuit) no line is read, as Tremor does not
 * pull a paused source.
 */
final class CbOnramp implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(CbOnramp.class);

  /** Writes a line to the process's stderr, as Tremor's {@code eprintln!}. */
  static final Consumer<String> STDERR =
      line -> {
        System.err.println(line);
        System.err.flush();
      };

  private final Artefact artefact;
  private final CbOnrampSettings settings;
  private final Consumer<String> stderr;
  private final CbLedger ledger;
  private final LogThrottle badLines = new LogThrottle(LogThrottle.TEN_SECONDS);
  private volatile boolean paused;
  private volatile boolean stopped;
  private ScheduledExecutorService thread;
  private SourceContext context;
  private SourceLines lines;
  private long stream;
  private boolean done;

  /** A line read but not sent yet (the stream was paused). */
  private byte[] pending;

  CbOnramp(Artefact artefact, CbOnrampSettings settings, Consumer<String> stderr) {
    this.artefact = artefact;
    this.settings = settings;
    this.stderr = stderr;
    this.ledger = new CbLedger(settings.expectBatched());
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public void start(SourceContext context) throws IOException {
    this.context = context;
    try {
      lines = SourceLines.open(settings.source());
    } catch (IOException e) {
      throw new IOException(
          "cb onramp "
              + artefact.url()
              + ": cannot read its source file "
              + settings.source().toAbsolutePath()
              + " ("
              + e
              + "); check the `source` path",
          e);
    }
    String name = "cb-" + artefact.id() + "-" + artefact.instance();
    thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name(name).daemon(true).unstarted(r));
    stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                paused = true;
              }

              @Override
              public void resume() {
                paused = false;
                run(CbOnramp.this::readLines);
              }
            });
    run(this::readLines);
  }

  /**
   * Sends lines until the file ends or the stream is paused (runs on the onramp's thread). The next
   * line is read ahead even while paused, so a circuit broken by the last event still lets the file
   * end and the timeout start (Tremor would wait for a restore that cannot come).
   */
  private void readLines() {
    while (!done && !stopped) {
      if (pending == null) {
        try {
          pending = lines.next();
        } catch (SourceLines.NotUtf8Exception e) {
          warn(e);
          continue;
        } catch (IOException e) {
          warn(e); // an unreadable rest ends the file, as nothing more can come of it
        }
        if (pending == null) {
          finish();
          return;
        }
      }
      if (paused) {
        return;
      }
      byte[] line = pending;
      pending = null;
      ledger.sent();
      context.receive(stream, line, Value.EMPTY_OBJECT, true);
    }
  }

  private void warn(IOException e) {
    long held = badLines.admit(e.getClass().getName());
    if (held >= 0) {
      LOG.warn("[Source::{}] Error: {} in {}", artefact.url(), e.getMessage(), settings.source());
    }
  }

  private void finish() {
    done = true;
    closeFile();
    if (ledger.finish()) {
      stderr.accept(CbLedger.ALL_RECEIVED);
    }
    try {
      thread.schedule(this::exit, settings.timeoutMs(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopped meanwhile
    }
  }

  /** The timeout after the last line passed: Tremor's verdict and exit status. */
  private void exit() {
    int status = 0;
    if (!ledger.complete()) {
      ledger.missingReport().forEach(stderr);
      status = 1;
    }
    LOG.debug("[Source::{}] ending the process with status {}", artefact.url(), status);
    context.exitProcess(status);
  }

  @Override
  public void ack(EventId id) {
    if (ledger.ack(id.event())) {
      run(() -> stderr.accept(CbLedger.ALL_RECEIVED));
    }
  }

  @Override
  public void fail(EventId id) {
    if (ledger.fail(id.event())) {
      run(() -> stderr.accept(CbLedger.ALL_RECEIVED));
    }
  }

  private void run(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // stopped: nothing more to read or say
    }
  }

  /** Lines sent so far (tests). */
  long sent() {
    return ledger.sentCount();
  }

  @Override
  public void stop() {
    stopped = true;
    ScheduledExecutorService t = thread;
    if (t == null) {
      return;
    }
    t.shutdownNow();
    try {
      t.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!done) {
      closeFile();
    }
    context.closeStream(stream);
  }

  private void closeFile() {
    try {
      lines.close();
    } catch (IOException e) {
      LOG.debug("[Source::{}] closing {}: {}", artefact.url(), settings.source(), e.toString());
    }
  }
}
