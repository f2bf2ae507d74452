package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.quiver.spi.EpochClock;
import io.quiver.spi.PassThrough;
import io.quiver.value.Utf8;

/**
 * The client side of a fused pass-through (see {@link WsOnramp#fuse}): takes each whole data frame
 * of a client straight from the read bytes to the client's upstream session, without an event. The
 * payload is unmasked into a reused array ({@link FusedScratch}), checked (text: UTF-8, as the
 * usual path does; codec {@code string}: binary frames too, else the codec's error is due, which
 * the usual path makes), counted in the runtime's port counts ({@link PassThrough#countRequest})
 * and masked again into the upstream connection's bytes of this loop turn.
 *
 * <p>With a {@code lines} pair on the route ({@link PassThrough#lineFramed}) only a message that is
 * one line ending in {@code \n} passes (the pair would give back exactly those bytes); any other
 * takes the usual way (split into lines, each ended again).
 *
 * <p>On the client's event loop. A client's messages reach its session in order: the session turns
 * fused ones it cannot send at once into events itself, and once one of a client's messages is
 * declined (it takes the usual way, through the pipeline's runner) none of that client's later
 * messages is fused, so none can overtake it.
 */
final class FusedForwarder {
  /**
   * The longest line the {@code lines} preprocessor takes (quiver-codec's {@code
   * LinesPreprocessor.DEFAULT_MAX_LENGTH}, Tremor's 1 MiB): a longer one is refused there.
   */
  static final int LINES_MAX_LENGTH = 1_048_576;

  private final PassThrough route;
  private final WsOfframp offramp;
  private final boolean textOnly;
  private final boolean lineFramed;

  FusedForwarder(PassThrough route, WsOfframp offramp) {
    this.route = route;
    this.offramp = offramp;
    this.textOnly = "string".equals(route.codec());
    this.lineFramed = route.lineFramed();
  }

  /**
   * Whether the {@code lines} pair gives {@code length} bytes of {@code payload} back unchanged:
   * one line ending in {@code \n}, not longer than the preprocessor's limit.
   */
  static boolean oneLine(byte[] payload, int length) {
    if (length == 0 || length - 1 > LINES_MAX_LENGTH) {
      return false;
    }
    if (payload[length - 1] != '\n') {
      return false;
    }
    for (int i = 0; i < length - 1; i++) {
      if (payload[i] == '\n') {
        return false;
      }
    }
    return true;
  }

  PassThrough route() {
    return route;
  }

  /**
   * Forwards the frame at {@code in}'s reader index, or declines it (false, nothing consumed): then
   * it takes the usual way.
   */
  boolean forward(ChannelHandlerContext ctx, ClientConnection client, ByteBuf in, FrameHeader h) {
    if (client.fuseDeclined) {
      return false;
    }
    if (!take(ctx, client, in, h)) {
      client.fuseDeclined = true;
      return false;
    }
    return true;
  }

  private boolean take(
      ChannelHandlerContext ctx, ClientConnection client, ByteBuf in, FrameHeader h) {
    UpstreamSession session = client.fusedSession;
    if (session == null || session.state().ended()) {
      session = offramp.fusedSession(route.onrampUid(), client);
      if (session == null) {
        return false; // the offramp stopped, or the client ended: the usual way answers it
      }
      client.fusedSession = session;
      client.fusedSource = route.onrampUid();
    }
    if (!session.loop().inEventLoop()) {
      return false; // made on another loop by an event of the usual way: stays that way
    }
    int length = (int) h.payloadLength();
    byte[] payload = FusedScratch.of(length);
    FramePayloads.readInto(in, h, payload);
    if (lineFramed && !oneLine(payload, length)) {
      return false; // the lines pair would change it: split into lines, each ended again
    }
    boolean binary = h.opcode() == FrameHeader.BINARY;
    if (binary && textOnly && Utf8.findError(payload, 0, length) != null) {
      return false; // the string codec refuses it: its error event comes from the usual way
    }
    in.skipBytes(h.length() + length);
    if (!binary && Utf8.findError(payload, 0, length) != null) {
      TextPayloads.refuse(ctx);
    }
    client.touchIdle();
    long ingestNs = EpochClock.nowNs();
    long number = route.nextEventNumber();
    route.countRequest();
    boolean timed = PassThrough.timed(number);
    long start = timed ? System.nanoTime() : 0;
    session.acceptFused(
        client,
        route,
        binary ? DataFrames.BINARY : DataFrames.TEXT,
        payload,
        length,
        number,
        ingestNs);
    if (timed) {
      route.timeRequest(System.nanoTime() - start);
    }
    return true;
  }
}
