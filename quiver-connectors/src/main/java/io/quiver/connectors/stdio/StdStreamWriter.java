package io.quiver.connectors.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to one process stream from its own daemon thread, so that a reader who does not keep up (a
 * full pipe) stalls this thread, never a pipeline thread or an event loop. Each submitted block
 * (one event's lines) is written and flushed whole, so a reader sees whole lines. The hand-off is
 * bounded: {@link #offer} refuses when {@code capacity} blocks wait, and {@link #backlog} lets the
 * sink hold its senders back before that.
 */
final class StdStreamWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StdStreamWriter.class);

  /** A block to write and what to run once it is written (release a held sender), or null. */
  record Block(byte[] bytes, Runnable written) {}

  private final OutputStream out;
  private final BlockingQueue<Block> queue;
  private final AtomicInteger pending = new AtomicInteger();
  private final Thread thread;
  private boolean failed;

  StdStreamWriter(String name, OutputStream out, int capacity) {
    this.out = out;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
  }

  /** Queues a block; false when the queue is full. Never blocks. */
  boolean offer(Block block) {
    pending.incrementAndGet();
    if (queue.offer(block)) {
      return true;
    }
    pending.decrementAndGet();
    return false;
  }

  /** Blocks queued or being written. */
  int backlog() {
    return pending.get();
  }

  /** Waits up to {@code timeoutMs} until every queued block is written; true when it is. */
  boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (pending.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(1); // a bounded poll on the control thread during shutdown only
    }
    return true;
  }

  private void run() {
    while (true) {
      Block block;
      try {
        block = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      write(block.bytes());
      pending.decrementAndGet();
      if (block.written() != null) {
        block.written().run();
      }
    }
  }

  private void write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      if (!failed) {
        failed = true; // logged once: a closed stdout stays closed
        LOG.warn("cannot write to {}: {}", thread.getName(), e.toString());
      }
    }
  }
}
