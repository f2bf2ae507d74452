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
 * <p>On the client's event loop. Once a client's messages are fused they all are (each one reaches
 * the session in order): the session turns those it cannot send at once into events itself.
 */
final class FusedForwarder {
  private final PassThrough route;
  private final WsOfframp offramp;
  private final boolean textOnly;

  FusedForwarder(PassThrough route, WsOfframp offramp) {
    this.route = route;
    this.offramp = offramp;
    this.textOnly = "string".equals(route.codec());
  }

  PassThrough route() {
    return route;
  }

  /**
   * Forwards the frame at {@code in}'s reader index, or declines it (false, nothing consumed): then
   * it takes the usual way.
   */
  boolean forward(ChannelHandlerContext ctx, ClientConnection client, ByteBuf in, FrameHeader h) {
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
    session.acceptFused(
        client,
        route,
        binary ? DataFrames.BINARY : DataFrames.TEXT,
        payload,
        length,
        number,
        ingestNs);
    return true;
  }
}
