package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AbortiveClose} asks for a reset (SO_LINGER 0) only when bytes are still unsent. An {@link
 * EmbeddedChannel} has no socket, so its config records the options set instead.
 */
class AbortiveCloseTest {

  @Test
  void aConnectionWhoseBytesAllWentOutClosesAsUsual() {
    Recording ch = new Recording();
    ch.close();
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.options).isEmpty();
  }

  @Test
  void aConnectionWithUnsentBytesIsAskedToReset() {
    Recording ch = new Recording();
    ch.unsafe().outboundBuffer().addMessage(Unpooled.buffer(1).writeByte(1), 1, ch.newPromise());
    ch.close();
    assertThat(ch.options).containsExactly("SO_LINGER=0");
    assertThat(ch.isOpen()).isFalse();
  }

  /** A channel with {@link AbortiveClose} whose config records the options set on it. */
  private static final class Recording extends EmbeddedChannel {
    final List<String> options = new ArrayList<>();
    private final ChannelConfig config =
        new DefaultChannelConfig(this) {
          @Override
          public <T> boolean setOption(ChannelOption<T> option, T value) {
            options.add(option.name() + "=" + value);
            return super.setOption(option, value);
          }
        };

    Recording() {
      super(new AbortiveClose());
    }

    @Override
    public ChannelConfig config() {
      return config;
    }
  }
}
