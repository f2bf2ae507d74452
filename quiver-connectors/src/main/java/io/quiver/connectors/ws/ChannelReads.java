package io.quiver.connectors.ws;

import io.netty.channel.Channel;

/**
 * Starts or stops reading a websocket channel, including the frames already read: a channel that
 * stops reading reads no more bytes, but the frames decoded from the last read would still arrive,
 * so they wait in the channel's {@link WholeMessageShortcut} and are handed on first when reading
 * resumes. On the channel's event loop.
 */
final class ChannelReads {
  private ChannelReads() {}

  static void set(Channel channel, boolean read) {
    if (channel.config().isAutoRead() == read) {
      return;
    }
    channel.config().setAutoRead(read);
    WholeMessageShortcut frames = channel.pipeline().get(WholeMessageShortcut.class);
    if (frames == null) {
      return;
    }
    if (read) {
      // in a task of its own, not inside whatever resumed us (a reply being handled, say), and only
      // if the channel still reads by then
      channel
          .eventLoop()
          .execute(
              () -> {
                if (channel.config().isAutoRead()) {
                  frames.resume();
                }
              });
    } else {
      frames.pause();
    }
  }
}
