package io.quiver.connectors.file;

import io.quiver.spi.LogThrottle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one output file from a daemon thread of its own, so a slow disk stalls this thread, never
 * a pipeline thread. Blocks (one event's lines) are written whole, through a buffer that is flushed
 * whenever the queue runs empty: a reader sees whole lines as soon as the writer catches up, and
 * bursts become few large writes. The hand-off is bounded: {@link #offer} refuses when {@code
 * capacity} blocks wait, and {@link #backlog} lets the sink hold its senders back before that.
 */
final class FileWriterThread {
  private static final Logger LOG = LoggerFactory.getLogger(FileWriterThread.class);
  private static final int BUFFER_BYTES = 64 * 1024;

  /** A block to write and what to run once it is written (release a held sender), or null. */
  record Block(byte[] bytes, Runnable written) {}

  private static final Block CLOSE = new Block(new byte[0], null);

  private final String owner;
  private final Path file;
  private final OutputStream out;
  private final BlockingQueue<Block> queue;
  private final AtomicInteger pending = new AtomicInteger();
  private final LogThrottle errorLog = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private final Thread thread;
  private int buffered;
  private volatile boolean closing;

  /**
   * Starts writing {@code out}, the opened {@code file}.
   *
   * @param owner who writes, for log lines (the offramp's url)
   */
  FileWriterThread(String owner, Path file, OutputStream out, int capacity, String threadName) {
    this.owner = owner;
    this.file = file;
    this.out = out;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::run);
  }

  /** Queues a block; false when the queue is full or the writer is closed. Never blocks. */
  boolean offer(Block block) {
    if (closing) {
      return false;
    }
    pending.incrementAndGet();
    if (queue.offer(block)) {
      return true;
    }
    pending.decrementAndGet();
    return false;
  }

  /** Blocks queued or being written; 0 once everything queued is flushed to the file. */
  int backlog() {
    return pending.get();
  }

  /**
   * Writes what is queued, flushes and closes the file, waiting up to {@code timeoutMs}.
   *
   * @return whether everything was written and the file closed in time
   */
  boolean close(long timeoutMs) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    if (!queue.offer(CLOSE, timeoutMs, TimeUnit.MILLISECONDS)) {
      return false;
    }
    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    return !thread.isAlive();
  }

  private void run() {
    while (true) {
      Block block;
      try {
        block = queue.take();
      } catch (InterruptedException e) {
        closeFile();
        return;
      }
      if (block == CLOSE) {
        closeFile();
        return;
      }
      write(block.bytes());
      if (queue.isEmpty()) {
        flush();
      }
      pending.decrementAndGet();
      if (block.written() != null) {
        block.written().run();
      }
    }
  }

  private void write(byte[] bytes) {
    try {
      if (bytes.length > buffer.length - buffered) {
        flushBuffer();
        if (bytes.length > buffer.length) {
          out.write(bytes);
          return;
        }
      }
      System.arraycopy(bytes, 0, buffer, buffered, bytes.length);
      buffered += bytes.length;
    } catch (IOException e) {
      failed(e);
    }
  }

  private void flush() {
    try {
      flushBuffer();
      out.flush();
    } catch (IOException e) {
      failed(e);
    }
  }

  private void flushBuffer() throws IOException {
    if (buffered > 0) {
      int n = buffered;
      buffered = 0; // on failure these bytes are lost, and logged; later ones are still tried
      out.write(buffer, 0, n);
    }
  }

  private void closeFile() {
    flush();
    try {
      out.close();
    } catch (IOException e) {
      failed(e);
    }
  }

  private void failed(IOException e) {
    long heldBack = errorLog.admit(String.valueOf(e.getMessage()));
    if (heldBack >= 0) {
      LOG.error(
          "[Offramp::{}] cannot write to {}: {}; events are lost{}",
          owner,
          file.toAbsolutePath(),
          FileAccess.describe(e),
          errorLog.heldBackNote(heldBack));
    }
  }
}
