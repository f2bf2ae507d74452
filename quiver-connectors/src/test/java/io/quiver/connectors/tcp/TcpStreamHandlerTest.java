package io.quiver.connectors.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpStreamHandlerTest {
  private static final Artefact ARTEFACT =
      new Artefact("in", "01", "tremor://localhost/onramp/in/01", false);

  private static final class Recording implements SourceContext {
    final List<String> events = new ArrayList<>();
    FlowControl flow;
    long next = 1;

    @Override
    public Artefact artefact() {
      return ARTEFACT;
    }

    @Override
    public long openStream(FlowControl f) {
      flow = f;
      events.add("open " + next);
      return next++;
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      events.add(
          "data " + stream + " " + new String(data, StandardCharsets.UTF_8) + " " + endOfMessage);
    }

    @Override
    public void closeStream(long stream) {
      events.add("close " + stream);
    }

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aConnectionIsOneStreamOfChunksClosedOnce() {
    Recording context = new Recording();
    EmbeddedChannel ch = new EmbeddedChannel(new TcpStreamHandler(context, ARTEFACT));
    ch.writeInbound(Unpooled.copiedBuffer("{\"a\":", StandardCharsets.UTF_8));
    ch.writeInbound(Unpooled.copiedBuffer("1}\n", StandardCharsets.UTF_8));
    ch.close();
    ch.close();
    assertThat(context.events)
        .containsExactly("open 1", "data 1 {\"a\": false", "data 1 1}\n false", "close 1");
  }

  @Test
  void pausingTheStreamStopsReadingTheSocket() {
    Recording context = new Recording();
    EmbeddedChannel ch = new EmbeddedChannel(new TcpStreamHandler(context, ARTEFACT));
    assertThat(ch.config().isAutoRead()).isTrue();
    context.flow.pause();
    assertThat(ch.config().isAutoRead()).isFalse();
    context.flow.resume();
    assertThat(ch.config().isAutoRead()).isTrue();
    ch.finishAndReleaseAll();
  }
}
