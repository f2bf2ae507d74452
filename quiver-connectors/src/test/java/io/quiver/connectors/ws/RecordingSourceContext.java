package io.quiver.connectors.ws;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A SourceContext that records what the onramp hands to the runtime. */
final class RecordingSourceContext implements SourceContext {
  record Received(long stream, byte[] data, Value meta, boolean endOfMessage) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  static final Artefact ARTEFACT =
      new Artefact("ws", "01", "tremor://localhost/onramp/ws/01", true);

  private final AtomicLong streams = new AtomicLong();
  private final boolean linesPostprocessor;
  final BlockingQueue<Long> opened = new LinkedBlockingQueue<>();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final BlockingQueue<Long> closed = new LinkedBlockingQueue<>();
  final Map<Long, AtomicInteger> closeCounts = new ConcurrentHashMap<>();
  final Map<Long, FlowControl> flows = new ConcurrentHashMap<>();

  RecordingSourceContext(boolean linesPostprocessor) {
    this.linesPostprocessor = linesPostprocessor;
  }

  @Override
  public Artefact artefact() {
    return ARTEFACT;
  }

  @Override
  public long openStream(FlowControl flow) {
    long id = streams.incrementAndGet();
    flows.put(id, flow);
    // announced once the onramp has finished registering the client (the rest of the handler run
    // that opened the stream): a test that replies to a stream as soon as it is announced must find
    // it registered. The runtime never hands out a stream before its first event.
    io.netty.util.concurrent.EventExecutor loop =
        io.netty.util.internal.ThreadExecutorMap.currentExecutor();
    if (loop != null) {
      loop.execute(() -> opened.add(id));
    } else {
      opened.add(id);
    }
    return id;
  }

  @Override
  public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
    received.add(new Received(stream, data, meta, endOfMessage));
  }

  @Override
  public void closeStream(long stream) {
    closeCounts.computeIfAbsent(stream, s -> new AtomicInteger()).incrementAndGet();
    closed.add(stream);
  }

  @Override
  public Serializer newReplySerializer() {
    return TestCodecs.serializer(linesPostprocessor);
  }

  Received nextReceived() throws InterruptedException {
    Received r = received.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("nothing received within 5 s");
    }
    return r;
  }

  long nextOpened() throws InterruptedException {
    Long id = opened.poll(5, TimeUnit.SECONDS);
    if (id == null) {
      throw new AssertionError("no stream opened within 5 s");
    }
    return id;
  }

  long nextClosed() throws InterruptedException {
    Long id = closed.poll(5, TimeUnit.SECONDS);
    if (id == null) {
      throw new AssertionError("no stream closed within 5 s");
    }
    return id;
  }
}
