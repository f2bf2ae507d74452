package io.quiver.connectors.cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.testkit.Await;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CbOnrampTest {
  private static final Artefact ARTEFACT =
      new Artefact("input", "01", "tremor://localhost/onramp/input/01", false);

  @TempDir Path dir;

  /** Records the lines handed to the runtime, the stream's flow control and the exit status. */
  private static final class Recording implements SourceContext {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicReference<FlowControl> flow = new AtomicReference<>();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicReference<Integer> exit = new AtomicReference<>();

    @Override
    public Artefact artefact() {
      return ARTEFACT;
    }

    @Override
    public long openStream(FlowControl f) {
      flow.set(f);
      return 1;
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      assertThat(stream).isEqualTo(1);
      assertThat(endOfMessage).isTrue();
      received.add(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void closeStream(long stream) {
      closed.incrementAndGet();
    }

    @Override
    public void exitProcess(int status) {
      assertThat(exit.getAndSet(status)).as("one exit only").isNull();
    }

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException("the cb onramp is never linked");
    }
  }

  private final Recording context = new Recording();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private CbOnramp onramp;

  @AfterEach
  void stop() {
    if (onramp != null) {
      onramp.stop();
    }
  }

  private CbOnramp start(String content, long timeoutMs, boolean batched) throws Exception {
    Path file = dir.resolve("in.json");
    Files.writeString(file, content);
    onramp = new CbOnramp(ARTEFACT, new CbOnrampSettings(file, timeoutMs, batched), stderr::add);
    onramp.start(context);
    return onramp;
  }

  private static EventId id(long n) {
    return new EventId(9, 0, n);
  }

  @Test
  void everyLineIsSentAndAllAnswersEndTheProcessWithZeroAfterTheTimeout() throws Exception {
    start("{\"cb\":\"ack\"}\n{\"cb\":\"fail\"}\n", 1_500, false);
    assertThat(onramp.transactional()).isTrue();
    Await.until("both lines sent", () -> context.received.size() == 2);
    assertThat(context.received).containsExactly("{\"cb\":\"ack\"}", "{\"cb\":\"fail\"}");
    onramp.ack(id(0));
    onramp.fail(id(1));
    Await.until("the exit", () -> context.exit.get() != null);
    assertThat(context.exit.get()).isZero();
    assertThat(stderr).containsExactly("All required CB events received.");
  }

  @Test
  void missingAnswersEndTheProcessWithOneAndTremorsReport() throws Exception {
    start("a\nb\nc\n", 1_500, false);
    Await.until("three lines sent", () -> context.received.size() == 3);
    onramp.ack(id(2));
    onramp.fail(id(0));
    Await.until("the exit", () -> context.exit.get() != null);
    assertThat(context.exit.get()).isEqualTo(1);
    assertThat(stderr)
        .containsExactly("Expected CB events up to id 2.", "Got acks: [2]", "Got fails: [0]");
  }

  @Test
  void batchedNeedsOnlyTheLastEvent() throws Exception {
    start("\n{\"cb\":\"fail\"}\n{\"cb\":\"ack\"}\n", 1_500, true);
    Await.until("three lines sent", () -> context.received.size() == 3);
    onramp.fail(id(1));
    onramp.ack(id(2));
    Await.until("the exit", () -> context.exit.get() != null);
    assertThat(context.exit.get()).isZero();
    assertThat(stderr).containsExactly("All required CB events received.");
  }

  @Test
  void aPausedStreamReadsNothingUntilResumed() throws Exception {
    Path file = dir.resolve("in.json");
    Files.writeString(file, "1\n2\n3\n");
    onramp = new CbOnramp(ARTEFACT, new CbOnrampSettings(file, 60_000, false), stderr::add);
    // the runtime pauses the stream as it opens it (a circuit already broken)
    SourceContext pausing =
        new ForwardingContext(context) {
          @Override
          public long openStream(FlowControl f) {
            f.pause();
            return context.openStream(f);
          }
        };
    onramp.start(pausing);
    assertThat(context.received).isEmpty();
    context.flow.get().resume();
    Await.until("the lines after the resume", () -> context.received.size() == 3);
    onramp.stop();
    assertThat(context.closed).hasValue(1);
    assertThat(context.exit.get()).as("no exit before the timeout").isNull();
  }

  @Test
  void aCircuitBrokenByTheLastEventStillLetsTheFileEndAndTheProcessExit() throws Exception {
    Path file = dir.resolve("in.json");
    Files.writeString(file, "ack\nack-and-break\n");
    onramp = new CbOnramp(ARTEFACT, new CbOnrampSettings(file, 10, false), stderr::add);
    // as the runtime does, inline: each event is answered, the last one also breaks the circuit
    SourceContext answering =
        new ForwardingContext(context) {
          @Override
          public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
            super.receive(stream, data, meta, endOfMessage);
            onramp.ack(id(context.received.size() - 1));
            if (new String(data, StandardCharsets.UTF_8).endsWith("break")) {
              context.flow.get().pause();
            }
          }
        };
    onramp.start(answering);
    Await.until("the exit", () -> context.exit.get() != null);
    assertThat(context.exit.get()).isZero();
    assertThat(stderr).containsExactly("All required CB events received.");
  }

  @Test
  void aMissingSourceFileFailsTheStartNamingIt() {
    Path missing = dir.resolve("missing.json");
    CbOnramp bad = new CbOnramp(ARTEFACT, new CbOnrampSettings(missing, 10, false), stderr::add);
    assertThatThrownBy(() -> bad.start(context))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cb onramp tremor://localhost/onramp/input/01")
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("check the `source` path");
    assertThat(context.received).isEmpty();
  }

  /** A context that hands everything to another one. */
  private static class ForwardingContext implements SourceContext {
    final Recording context;

    ForwardingContext(Recording context) {
      this.context = context;
    }

    @Override
    public Artefact artefact() {
      return context.artefact();
    }

    @Override
    public long openStream(FlowControl f) {
      return context.openStream(f);
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      context.receive(stream, data, meta, endOfMessage);
    }

    @Override
    public void closeStream(long stream) {
      context.closeStream(stream);
    }

    @Override
    public void exitProcess(int status) {
      context.exitProcess(status);
    }

    @Override
    public Serializer newReplySerializer() {
      return context.newReplySerializer();
    }
  }
}
