package io.quiver.connectors.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.ServerTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server on the shared event loops. Each accepted connection opens a stream of its own and
 * hands every chunk it reads to the runtime ({@link TcpStreamHandler}); a paused stream stops
 * reading its socket, so a fast client is slowed down by TCP itself, never dropped.
 */
final class TcpOnramp implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(TcpOnramp.class);

  private final Artefact artefact;
  private final String host;
  private final int port;
  private final ServerTlsSettings tlsSettings;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile Channel server;

  TcpOnramp(Artefact artefact, String host, int port, ServerTlsSettings tls) {
    this.artefact = artefact;
    this.host = host;
    this.port = port;
    this.tlsSettings = tls;
  }

  @Override
  public void start(SourceContext context) throws Exception {
    SslContext tls = tlsSettings == null ? null : tlsSettings.context();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(EventLoops.group())
            .channel(EventLoops.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    if (tls != null) {
                      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline().addLast("stream", new TcpStreamHandler(context, artefact));
                  }
                });
    server = bootstrap.bind(host, port).sync().channel();
    LOG.info(
        "{} listening on {} (tcp{})",
        artefact.url(),
        server.localAddress(),
        tls == null ? "" : ", tls");
  }

  /** The port it listens on (the one picked when configured with 0). */
  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void stopAccepting() {
    Channel s = server;
    if (s != null) {
      s.close().syncUninterruptibly();
    }
  }

  @Override
  public void stop() {
    stopAccepting();
    connections.close().awaitUninterruptibly();
  }
}
