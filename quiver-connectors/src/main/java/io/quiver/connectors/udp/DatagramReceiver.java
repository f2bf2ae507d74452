package io.quiver.connectors.udp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The udp onramp's channel handler, on the channel's event loop: each datagram becomes one message
 * of the onramp's single stream ({@code endOfMessage}, so buffering preprocessors flush), except
 * one larger than {@code max_datagram_size}, which is dropped whole, counted and logged (at most
 * one line per 10 s). The channel reads into buffers one byte larger than the limit, so a datagram
 * that fills one was too large (the kernel cut the rest off).
 */
final class DatagramReceiver extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger LOG = LoggerFactory.getLogger(DatagramReceiver.class);

  private final SourceContext context;
  private final long stream;
  private final int maxDatagramSize;
  private final UdpMetrics metrics;
  private final LogThrottle throttle = new LogThrottle(LogThrottle.TEN_SECONDS);

  DatagramReceiver(SourceContext context, long stream, int maxDatagramSize, UdpMetrics metrics) {
    this.context = context;
    this.stream = stream;
    this.maxDatagramSize = maxDatagramSize;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    int size = packet.content().readableBytes();
    if (size > maxDatagramSize) {
      metrics.droppedOversized();
      long heldBack = throttle.admit("oversized");
      if (heldBack >= 0) {
        LOG.error(
            "[Source::{}] dropped a datagram from {}: it is larger than max_datagram_size ({}"
                + " bytes); raise max_datagram_size to take such datagrams{}",
            context.artefact().url(),
            packet.sender(),
            maxDatagramSize,
            throttle.heldBackNote(heldBack));
      }
      return;
    }
    metrics.received();
    context.receive(stream, ByteBufUtil.getBytes(packet.content()), Value.EMPTY_OBJECT, true);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a receive error (an ICMP report, say) concerns one datagram: keep serving
    long heldBack = throttle.admit("error " + cause.getClass().getName());
    if (heldBack >= 0) {
      LOG.warn(
          "[Source::{}] error receiving a datagram: {}{}",
          context.artefact().url(),
          cause.toString(),
          throttle.heldBackNote(heldBack));
    }
  }
}
