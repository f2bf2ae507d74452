package io.quiver.connectors.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.metrics.MetricsReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The udp onramp: one datagram channel on the shared event loops, bound to {@code host:port}, and
 * one stream for everything it receives (Tremor's udp source has a single stream too). Pausing the
 * stream stops reading the socket (the kernel's receive buffer then drops what does not fit, as UDP
 * does). Datagram metadata is empty, as in Tremor.
 */
final class UdpOnramp implements Source, MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(UdpOnramp.class);
  private static final long STOP_WAIT_MS = 2_000;

  private final Artefact artefact;
  private final String host;
  private final int port;
  private final int maxDatagramSize;
  private final int receiveBufferBytes;
  private final UdpMetrics metrics = new UdpMetrics();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Channel channel;
  private SourceContext context;
  private long stream;

  UdpOnramp(Artefact artefact, String host, int port, int maxDatagramSize, int receiveBufferBytes) {
    this.artefact = artefact;
    this.host = host;
    this.port = port;
    this.maxDatagramSize = maxDatagramSize;
    this.receiveBufferBytes = receiveBufferBytes;
  }

  @Override
  public void start(SourceContext context) throws Exception {
    this.context = context;
    this.stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                autoRead(false);
              }

              @Override
              public void resume() {
                autoRead(true);
              }
            });
    Bootstrap bootstrap =
        new Bootstrap()
            .group(EventLoops.group())
            .channel(EventLoops.datagramChannel())
            // one byte more than the limit: a datagram that fills the buffer was too large
            .option(
                ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramSize + 1))
            .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
            .handler(new DatagramReceiver(context, stream, maxDatagramSize, metrics));
    ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      throw new IOException(
          "cannot listen on udp "
              + host
              + ":"
              + port
              + ": "
              + (cause == null ? "unknown error" : cause.getMessage()),
          cause);
    }
    channel = bound.channel();
    LOG.info(
        "[UDP Onramp] listening on {}:{} ({}, receive buffer {} bytes)",
        host,
        port,
        channel.localAddress(),
        channel.config().getOption(ChannelOption.SO_RCVBUF));
  }

  private void autoRead(boolean on) {
    Channel ch = channel;
    if (ch != null) {
      ch.config().setAutoRead(on);
    }
  }

  /** The receive buffer the kernel granted, as it reports it, or -1 before start. */
  int receiveBufferBytes() {
    Channel ch = channel;
    return ch == null ? -1 : ch.config().getOption(ChannelOption.SO_RCVBUF);
  }

  /** The port the onramp listens on (useful when configured with port 0), or -1 before start. */
  int boundPort() {
    Channel ch = channel;
    return ch == null ? -1 : ((InetSocketAddress) ch.localAddress()).getPort();
  }

  @Override
  public void reportMetrics(MetricsReport report) {
    metrics().report(report);
  }

  UdpMetrics metrics() {
    return metrics;
  }

  @Override
  public void stopAccepting() {
    autoRead(false);
  }

  @Override
  public void stop() {
    Channel ch = channel;
    if (ch != null && !ch.close().awaitUninterruptibly(STOP_WAIT_MS)) {
      LOG.warn(
          "[Source::{}] the udp socket did not close within {} ms", artefact.url(), STOP_WAIT_MS);
    }
    if (context != null && closed.compareAndSet(false, true)) {
      context.closeStream(stream);
    }
  }
}
