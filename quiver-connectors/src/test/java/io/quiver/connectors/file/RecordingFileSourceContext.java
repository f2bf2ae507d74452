package io.quiver.connectors.file;

import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

/** A SourceContext that records the lines, stream ends and exit requests of a file onramp. */
final class RecordingFileSourceContext implements SourceContext {
  static final Artefact ARTEFACT =
      new Artefact("in", "01", "tremor://localhost/onramp/in/01", false);

  /**
   * What happened, in order: {@code line <text>}, {@code close <stream>}, {@code exit <status>}.
   */
  final List<String> log = new CopyOnWriteArrayList<>();

  final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
  volatile FlowControl flow;
  volatile boolean allEndOfMessage = true;

  /** Runs on the reader thread after each line is recorded (e.g. to pause the stream). */
  volatile IntConsumer afterLine = n -> {};

  @Override
  public Artefact artefact() {
    return ARTEFACT;
  }

  @Override
  public long openStream(FlowControl flowControl) {
    this.flow = flowControl;
    log.add("open 1");
    return 1;
  }

  @Override
  public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
    allEndOfMessage &= endOfMessage && meta.equals(Value.EMPTY_OBJECT) && stream == 1;
    log.add("line " + new String(data, StandardCharsets.UTF_8));
    afterLine.accept(lines().size());
  }

  @Override
  public void closeStream(long stream) {
    log.add("close " + stream);
  }

  @Override
  public void exitProcess(int status) {
    log.add("exit " + status);
    exits.add(status);
  }

  @Override
  public Serializer newReplySerializer() {
    throw new UnsupportedOperationException();
  }

  List<String> lines() {
    return log.stream().filter(s -> s.startsWith("line ")).map(s -> s.substring(5)).toList();
  }
}
