package io.quiver.connectors.stdio;

import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;

/**
 * One {@code stdout} or {@code stderr} offramp instance: formats each event into Tremor's lines on
 * the calling pipeline thread and hands them to the stream's {@link StdStreamWriter}. When more
 * than {@link #HOLD_AT} blocks wait, the sender's origin is held until its block is written; when
 * the writer's queue is full even so (senders that cannot be held), the event fails.
 */
final class StdStreamSink implements Sink {
  /** Backlog from which senders are held back. */
  static final int HOLD_AT = 256;

  /** How long {@link #stop} waits for queued lines to be written. */
  private static final long STOP_FLUSH_MS = 2_000;

  private final StdStreamLines lines;
  private final StdStreamWriter writer;
  private SinkContext context;
  private Serializer serializer;

  StdStreamSink(StdStreamSettings settings, StdStreamWriter writer) {
    this.lines = new StdStreamLines(settings);
    this.writer = writer;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.serializer = context.newSerializer();
  }

  @Override
  public void onEvent(Event event) {
    byte[] bytes;
    synchronized (serializer) { // a serializer is used by one thread at a time
      try {
        bytes = lines.format(event, serializer);
      } catch (CodecException | ProcessorException e) {
        throw new IllegalArgumentException(
            "[Offramp::" + context.artefact().url() + "] " + e.getMessage(), e);
      }
    }
    Runnable written = null;
    if (writer.backlog() >= HOLD_AT && context.holdOrigin(event)) {
      written = () -> context.releaseOrigin(event);
    }
    if (!writer.offer(new StdStreamWriter.Block(bytes, written))) {
      if (written != null) {
        written.run();
      }
      throw new IllegalStateException(
          "[Offramp::"
              + context.artefact().url()
              + "] the stream is not keeping up: event dropped");
    }
  }

  @Override
  public boolean drained() {
    return writer.backlog() == 0;
  }

  @Override
  public void stop() {
    try {
      writer.awaitIdle(STOP_FLUSH_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
