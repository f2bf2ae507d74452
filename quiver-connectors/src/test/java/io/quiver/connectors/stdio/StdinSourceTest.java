package io.quiver.connectors.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.spi.config.Config;
import io.quiver.testkit.Await;
import io.quiver.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stdin onramp over a swapped input stream: chunks, end of input, pauses, read errors. */
class StdinSourceTest {
  private static final Artefact ARTEFACT =
      new Artefact("in", "01", "tremor://localhost/onramp/in/01", false);

  /** Records what the source hands over; the text of all chunks joined. */
  static final class Recorder implements SourceContext {
    final List<byte[]> chunks = new CopyOnWriteArrayList<>();
    final List<Boolean> endOfMessage = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    volatile FlowControl flow;

    @Override
    public Artefact artefact() {
      return ARTEFACT;
    }

    @Override
    public long openStream(FlowControl flow) {
      this.flow = flow;
      return 1;
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean end) {
      chunks.add(data);
      endOfMessage.add(end);
    }

    @Override
    public void closeStream(long stream) {
      closes.incrementAndGet();
    }

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException();
    }

    String text() {
      StringBuilder s = new StringBuilder();
      chunks.forEach(c -> s.append(new String(c, StandardCharsets.UTF_8)));
      return s.toString();
    }
  }

  private static StdinSource source(InputStream in) {
    return (StdinSource) new StdinProvider(() -> in).create(ARTEFACT, Config.of(Map.of()));
  }

  @Test
  void everyByteArrivesAsMoreDataOfOneStreamThenEndOfInputClosesIt() throws Exception {
    byte[] big = "x".repeat(3 * StdinSource.CHUNK + 5).getBytes(StandardCharsets.UTF_8);
    Recorder r = new Recorder();
    source(new ByteArrayInputStream(big)).start(r);

    Await.until("end of input closes the stream", () -> r.closes.get() == 1);
    assertThat(r.text()).hasSize(big.length);
    assertThat(r.chunks).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(8192));
    assertThat(r.endOfMessage).containsOnly(false);
  }

  @Test
  void aPausedStreamIsNotReadUntilResumed() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    AtomicInteger reads = new AtomicInteger();
    InputStream counting =
        new PipedInputStream(writer) {
          @Override
          public synchronized int read(byte[] b, int off, int len) throws IOException {
            reads.incrementAndGet();
            return super.read(b, off, len);
          }
        };
    Recorder r = new Recorder();
    StdinSource source = source(counting);
    source.start(r);
    writer.write("a\n".getBytes(StandardCharsets.UTF_8));
    Await.until("first chunk", () -> r.text().equals("a\n"));

    r.flow.pause();
    // the reader is inside read() when the pause comes: that chunk still arrives, then it holds
    writer.write("b\n".getBytes(StandardCharsets.UTF_8));
    Await.until("the reader holds at the pause", source::waitingForResume);
    int readsWhilePaused = reads.get();
    writer.write("c\n".getBytes(StandardCharsets.UTF_8));
    assertThat(source.waitingForResume()).isTrue();
    assertThat(reads.get()).isEqualTo(readsWhilePaused);
    assertThat(r.text()).isEqualTo("a\nb\n");

    r.flow.resume();
    Await.until("the held chunk after resume", () -> r.text().equals("a\nb\nc\n"));
    writer.close();
    Await.until("stream closed", () -> r.closes.get() == 1);
  }

  @Test
  void aReadErrorEndsTheStreamOnce() throws Exception {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("boom");
          }
        };
    Recorder r = new Recorder();
    StdinSource source = source(broken);
    source.start(r);
    Await.until("stream closed after the error", () -> r.closes.get() == 1);
    source.stop();
    assertThat(r.closes.get()).isEqualTo(1);
    assertThat(r.chunks).isEmpty();
  }

  @Test
  void stopClosesTheStreamWhileTheReadStillBlocks() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    Recorder r = new Recorder();
    StdinSource source = source(new PipedInputStream(writer));
    source.start(r);
    source.stop();
    assertThat(r.closes.get()).isEqualTo(1);
    writer.write("late\n".getBytes(StandardCharsets.UTF_8));
    writer.close();
    assertThat(r.closes.get()).isEqualTo(1);
  }

  @Test
  void providerIsTremorsStdin() {
    StdinProvider p = new StdinProvider();
    assertThat(p.name()).isEqualTo("stdin");
    assertThat(p.defaultCodec()).isEqualTo("string");
    assertThat(p.requiresConfig()).isFalse();
  }
}
