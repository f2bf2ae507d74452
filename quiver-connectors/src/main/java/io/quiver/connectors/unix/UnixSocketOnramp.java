package io.quiver.connectors.unix;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.tcp.TcpStreamHandler;
import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unix domain socket server on the shared event loops. Each accepted connection opens a stream of
 * its own and hands every chunk it reads to the runtime ({@link TcpStreamHandler}, as the tcp
 * onramp); a paused stream stops reading its socket. The socket file is made at start (a stale one
 * is replaced, as Tremor does) and removed at stop.
 */
final class UnixSocketOnramp implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(UnixSocketOnramp.class);

  private final Artefact artefact;
  private final Path path;
  private final Set<PosixFilePermission> permissions;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile Channel server;

  UnixSocketOnramp(Artefact artefact, Path path, Set<PosixFilePermission> permissions) {
    this.artefact = artefact;
    this.path = path;
    this.permissions = permissions;
  }

  @Override
  public void start(SourceContext context) throws IOException {
    SocketFile.prepare(path);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(EventLoops.group())
            .channel(DomainTransport.serverChannel())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    connections.add(ch);
                    ch.pipeline().addLast("stream", new TcpStreamHandler(context, artefact));
                  }
                });
    try {
      server = bootstrap.bind(DomainTransport.address(path)).sync().channel();
    } catch (Exception e) {
      throw new IOException("cannot listen on unix socket " + path + ": " + e.getMessage(), e);
    }
    if (permissions != null) {
      Files.setPosixFilePermissions(path, permissions);
    }
    LOG.info("{} listening on unix socket {}", artefact.url(), path);
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
    Channel s = server;
    stopAccepting();
    connections.close().awaitUninterruptibly();
    if (s != null) {
      try {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(path);
        }
      } catch (IOException e) {
        LOG.warn("{}: could not remove the socket file {}: {}", artefact.url(), path, e.toString());
      }
    }
  }
}
