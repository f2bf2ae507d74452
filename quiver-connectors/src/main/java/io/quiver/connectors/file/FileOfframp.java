package io.quiver.connectors.file;

import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code file} offramp instance, Tremor's format: every value of an event (each entry of a
 * batch) is encoded and postprocessed, and every resulting chunk is written followed by a newline.
 * The file is created or truncated at start. Events are formatted on the calling pipeline thread
 * and written by the file's {@link FileWriterThread}; when more than {@link #HOLD_AT} blocks wait,
 * the sender's origin is held until its block is written, and when the queue is full even so
 * (senders that cannot be held) the event fails. {@link #stop} writes what is queued and closes the
 * file, so a deployment that stops (SIGTERM, an {@code exit} offramp, {@code close_on_done}) leaves
 * every line on disk.
 */
final class FileOfframp implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(FileOfframp.class);

  /** Backlog from which senders are held back. */
  static final int HOLD_AT = 256;

  /** Blocks the writer queues at most. */
  static final int CAPACITY = 4096;

  /** How long {@link #stop} waits for queued lines to be written. */
  private static final long STOP_FLUSH_MS = 10_000;

  /** Opens the output file (a seam for tests that need a slow or failing file). */
  @FunctionalInterface
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  private final Path file;
  private final Opener opener;
  private SinkContext context;
  private Serializer serializer;
  private FileWriterThread writer;

  FileOfframp(Path file) {
    this(file, FileAccess::createTarget);
  }

  FileOfframp(Path file, Opener opener) {
    this.file = file;
    this.opener = opener;
  }

  @Override
  public void start(SinkContext context) throws IOException {
    this.context = context;
    this.serializer = context.newSerializer();
    String url = context.artefact().url();
    OutputStream out;
    try {
      out = opener.open(file);
    } catch (IOException e) {
      throw new IOException("[Offramp::" + url + "] " + e.getMessage(), e);
    }
    writer =
        new FileWriterThread(
            url,
            file,
            out,
            CAPACITY,
            "file-" + context.artefact().id() + "-" + context.artefact().instance());
  }

  @Override
  public void onEvent(Event event) {
    byte[] bytes;
    synchronized (serializer) { // a serializer is used by one thread at a time
      try {
        bytes = lines(event, serializer);
      } catch (CodecException | ProcessorException e) {
        throw new IllegalArgumentException(
            "[Offramp::" + context.artefact().url() + "] " + e.getMessage(), e);
      }
    }
    Runnable written = null;
    if (writer.backlog() >= HOLD_AT && context.holdOrigin(event)) {
      written = () -> context.releaseOrigin(event);
    }
    if (!writer.offer(new FileWriterThread.Block(bytes, written))) {
      if (written != null) {
        written.run();
      }
      throw new IllegalStateException(
          "[Offramp::"
              + context.artefact().url()
              + "] the file "
              + file
              + " is not keeping up (or closed): event dropped");
    }
  }

  /** The bytes one event writes: each chunk of each value followed by a newline. */
  static byte[] lines(Event event, Serializer serializer)
      throws CodecException, ProcessorException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (Event e : event.elements()) {
      List<byte[]> chunks = serializer.serialize(e.data(), e.ingestNs());
      for (byte[] chunk : chunks) {
        out.writeBytes(chunk);
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  @Override
  public boolean drained() {
    return writer == null || writer.backlog() == 0;
  }

  @Override
  public void stop() {
    FileWriterThread w = writer;
    if (w == null) {
      return;
    }
    try {
      if (!w.close(STOP_FLUSH_MS)) {
        LOG.warn(
            "[Offramp::{}] {} was not fully written within {} ms of the stop",
            context.artefact().url(),
            file.toAbsolutePath(),
            STOP_FLUSH_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
