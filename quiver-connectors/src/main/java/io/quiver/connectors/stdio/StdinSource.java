package io.quiver.connectors.stdio;

import io.quiver.spi.Artefact;
import io.quiver.spi.PullGate;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an input stream (the process's stdin) on a daemon thread of its own, in chunks of up to
 * {@link #CHUNK} bytes (Tremor's read size), each handed to the runtime as more data of one stream,
 * so the preprocessors (e.g. {@code lines}) buffer across chunks. While the runtime pauses the
 * stream (backpressure) the thread stops reading, so the pipe fills and the writer is held back.
 *
 * <p>At end of input the stream is closed, which flushes the preprocessors (a last line without a
 * newline still becomes an event; Tremor 0.11 drops it), and the onramp is done; the rest of the
 * deployment keeps running, as in Tremor ({@code [Source::...] Disconnected.}). A read error ends
 * it the same way, logged once.
 */
final class StdinSource implements Source {
  /** Tremor's {@code INPUT_SIZE_BYTES}. */
  static final int CHUNK = 8192;

  private static final Logger LOG = LoggerFactory.getLogger(StdinSource.class);

  private final Artefact artefact;
  private final InputStream input;
  private final PullGate gate = new PullGate();
  private final AtomicBoolean streamClosed = new AtomicBoolean();
  private SourceContext context;
  private long stream;

  StdinSource(Artefact artefact, InputStream input) {
    this.artefact = artefact;
    this.input = input;
  }

  @Override
  public void start(SourceContext context) {
    this.context = context;
    this.stream = context.openStream(gate);
    Thread.ofPlatform()
        .name("stdin-" + artefact.id() + "-" + artefact.instance())
        .daemon(true)
        .start(this::readAll);
  }

  private void readAll() {
    byte[] buffer = new byte[CHUNK];
    try {
      while (gate.awaitOpen()) {
        int n = input.read(buffer);
        if (n < 0) {
          LOG.info("[Source::{}] Disconnected. (end of stdin)", artefact.url());
          break;
        }
        if (n > 0 && !gate.closed()) {
          context.receive(stream, Arrays.copyOf(buffer, n), Value.EMPTY_OBJECT, false);
        }
      }
    } catch (IOException e) {
      if (!gate.closed()) {
        LOG.error("[Source::{}] Failed to read from stdin: {}", artefact.url(), e.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeStream();
  }

  /** Whether the reader is held by a pause (tests). */
  boolean waitingForResume() {
    return gate.holding();
  }

  private void closeStream() {
    if (streamClosed.compareAndSet(false, true)) {
      context.closeStream(stream);
    }
  }

  @Override
  public void stopAccepting() {
    gate.close();
  }

  @Override
  public void stop() {
    stopAccepting();
    if (context != null) {
      // a read of the process's stdin cannot be interrupted: the daemon thread may stay blocked
      // in it until the process ends, but hands nothing more to the runtime
      closeStream();
    }
  }
}
