package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the {@link TurnBatchedWriter} writes, when, and what its meter and listeners learn. */
class TurnBatchedWriterTest {
  private final List<String> meter = new ArrayList<>();
  private final TurnBatchedWriter writer = new TurnBatchedWriter(recordingInto(meter));
  private final EmbeddedChannel channel = new EmbeddedChannel(writer);

  @Test
  void theBytesOfOneTurnLeaveAsOneBufferAtTheEndOfTheTurn() {
    writer.append(bytes("ab"), null);
    writer.append(bytes("cde"), null);
    assertThat((Object) channel.readOutbound()).as("nothing before the turn ends").isNull();

    channel.runPendingTasks();

    assertThat(text(channel.readOutbound())).isEqualTo("abcde");
    assertThat((Object) channel.readOutbound()).as("one buffer for the turn").isNull();
    assertThat(meter).containsExactly("+2", "+3", "-5");
  }

  @Test
  void enoughCollectedBytesLeaveAtOnceAndTheRestAtTheEndOfTheTurn() {
    byte[] big = new byte[TurnBatchedWriter.WRITE_AT_BYTES - 1];
    writer.append(big, null);
    assertThat((Object) channel.readOutbound()).as("one byte short: still collected").isNull();
    writer.append(bytes("a"), null);

    ByteBuf first = channel.readOutbound();
    assertThat(first.readableBytes())
        .as("written before the turn ends")
        .isEqualTo(TurnBatchedWriter.WRITE_AT_BYTES);
    first.release();
    writer.append(bytes("bc"), null);
    assertThat((Object) channel.readOutbound()).isNull();

    channel.runPendingTasks();

    assertThat(text(channel.readOutbound())).isEqualTo("bc");
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(meter)
        .containsExactly(
            "+" + (TurnBatchedWriter.WRITE_AT_BYTES - 1),
            "+1",
            "-" + TurnBatchedWriter.WRITE_AT_BYTES,
            "+2",
            "-2");
  }

  @Test
  void aWriteThroughThePipelinePushesTheCollectedBytesOutFirst() {
    writer.append(bytes("first"), null);
    channel.writeAndFlush(Unpooled.copiedBuffer("second", StandardCharsets.UTF_8));

    assertThat(text(channel.readOutbound())).isEqualTo("first");
    assertThat(text(channel.readOutbound())).isEqualTo("second");
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void listenersLearnHowTheTurnsWriteWent() {
    List<Boolean> told = new ArrayList<>();
    writer.append(bytes("x"), (Future<?> done) -> told.add(done.isSuccess()));
    writer.append(bytes("y"), (Future<?> done) -> told.add(done.isSuccess()));
    channel.runPendingTasks();
    assertThat(told).containsExactly(true, true);
    ((ByteBuf) channel.readOutbound()).release();
  }

  @Test
  void aMeterGivenLaterCountsTheTurnsBytesCollectedBeforeIt() {
    List<String> later = new ArrayList<>();
    TurnBatchedWriter unmetered = new TurnBatchedWriter(null);
    EmbeddedChannel ch = new EmbeddedChannel(unmetered);
    unmetered.append(bytes("ab"), null);
    unmetered.countWith(recordingInto(later));
    unmetered.append(bytes("cde"), null);
    ch.runPendingTasks();

    assertThat(text(ch.readOutbound())).isEqualTo("abcde");
    assertThat(later).as("every byte released was held").containsExactly("+2", "+3", "-5");
    ch.finishAndReleaseAll();
  }

  @Test
  void aChannelIsCountedByOneMeterOnly() {
    assertThatThrownBy(() -> writer.countWith(new TurnBatchedWriter(null).meter()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this channel's bytes are counted already");
  }

  @Test
  void bytesStillCollectedWhenTheChannelClosesAreReleasedAndTheirListenersFailed() {
    List<Boolean> told = new ArrayList<>();
    writer.append(bytes("lost"), (Future<?> done) -> told.add(done.isSuccess()));
    channel.pipeline().close(); // closed before the end of the turn
    channel.runPendingTasks();
    assertThat(told).containsExactly(false);
    assertThat(meter).containsExactly("+4", "-4");
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void aSubclassEncodesIntoTheTurnsBuffer() {
    class Lines extends TurnBatchedWriter {
      Lines() {
        super(null);
      }

      void line(String s) {
        ByteBuf buf = buffer(s.length() + 1);
        int before = buf.writerIndex();
        buf.writeCharSequence(s, StandardCharsets.UTF_8);
        buf.writeByte('\n');
        appended(buf.writerIndex() - before, null);
      }
    }
    Lines lines = new Lines();
    EmbeddedChannel ch = new EmbeddedChannel(lines);
    lines.line("a");
    lines.line("b");
    ch.runPendingTasks();
    assertThat(text(ch.readOutbound())).isEqualTo("a\nb\n");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ByteBuf buf) {
    try {
      return buf.toString(StandardCharsets.UTF_8);
    } finally {
      buf.release();
    }
  }

  /** A meter that writes "+n" for bytes held and "-n" for bytes released into {@code log}. */
  private static TurnBatchedWriter.Meter recordingInto(List<String> log) {
    return new TurnBatchedWriter.Meter() {
      @Override
      public void held(int bytes) {
        log.add("+" + bytes);
      }

      @Override
      public void released(int bytes) {
        log.add("-" + bytes);
      }
    };
  }
}
