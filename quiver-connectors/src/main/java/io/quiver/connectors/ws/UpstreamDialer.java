package io.quiver.connectors.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.EventLoops;

/**
 * Opens the channels of one upstream session: TCP (on the session's loop, with the connect
 * timeout), TLS for {@code wss://}, the websocket handshake, and the handlers that report to the
 * session ({@link UpstreamChannelInitializer}).
 */
final class UpstreamDialer implements UpstreamConnection.Dialer {
  private static final WriteBufferWaterMark REQUEST_BUFFER =
      new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  private final UpstreamSession session;
  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final EventLoop loop;
  private final ClientTlsContext tls;
  private final UpstreamHandshake handshake;
  private final WsMetrics metrics;

  UpstreamDialer(
      UpstreamSession session,
      WsUrl url,
      WsOfframpSettings settings,
      EventLoop loop,
      ClientTlsContext tls,
      UpstreamHandshake handshake,
      WsMetrics metrics) {
    this.session = session;
    this.url = url;
    this.settings = settings;
    this.loop = loop;
    this.tls = tls;
    this.handshake = handshake;
    this.metrics = metrics;
  }

  @Override
  public ChannelFuture dial() {
    SslContext sslContext = url.tls() ? tls.context() : null;
    return new Bootstrap()
        .group(loop)
        .channel(EventLoops.clientChannel())
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, REQUEST_BUFFER)
        .handler(
            new UpstreamChannelInitializer(
                session, url, settings, sslContext, tls.settings().domain(), handshake, metrics))
        .connect(url.host(), url.port());
  }
}
