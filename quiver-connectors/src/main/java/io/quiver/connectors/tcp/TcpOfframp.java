package io.quiver.connectors.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Artefact;
import io.quiver.spi.CodecException;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP client connection on the shared event loops. It connects at start and reconnects with a
 * doubling backoff whenever the connection fails or is lost; while it is down its circuit is broken
 * (the sources feeding it pause) and an event that arrives anyway is failed, so a {@code qos::wal}
 * before it keeps and re-sends it. Each event's chunks go out as one write; the event is acked when
 * the write completed and failed when it did not. A connection whose send buffer fills (a slow
 * peer) breaks the circuit until it drains.
 *
 * <p>Unlike Tremor 0.11.12 (src/sink/tcp.rs), an unreachable peer at start does not stop the
 * deployment, and a lost connection is re-established. As in Tremor, whose sink connects before the
 * deployment runs, nothing fails merely because the deployment just started: events that arrive
 * before the first connect attempt has ended (at most {@link #MAX_WAITING_FOR_FIRST_CONNECT}; the
 * sources are paused meanwhile, but a read already under way still comes in) wait for it and are
 * written once it succeeds, or failed when it does not.
 */
final class TcpOfframp implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(TcpOfframp.class);

  /** Events that may wait for the first connect attempt; later ones fail as "not connected". */
  static final int MAX_WAITING_FOR_FIRST_CONNECT = 1024;

  private final Artefact artefact;
  private final TcpTarget target;
  private final ClientTlsContext tls;
  private final long backoffMinMs;
  private final long backoffMaxMs;
  private final LogThrottle errorLog = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final AtomicLong writing = new AtomicLong();
  private SinkContext context;
  private Serializer serializer;
  private volatile Channel channel;
  private volatile boolean stopped;
  private long backoffMs;

  /** Guarded by {@code this}: whether the first connect attempt has ended, either way. */
  private boolean firstAttemptEnded;

  /** Guarded by {@code this}: events (with their bytes) waiting for the first connect attempt. */
  private final ArrayDeque<Waiting> waitingForFirstConnect = new ArrayDeque<>();

  private record Waiting(Event event, List<byte[]> chunks) {}

  TcpOfframp(
      Artefact artefact,
      TcpTarget target,
      ClientTlsContext tls,
      long backoffMinMs,
      long backoffMaxMs) {
    this.artefact = artefact;
    this.target = target;
    this.tls = tls;
    this.backoffMinMs = backoffMinMs;
    this.backoffMaxMs = backoffMaxMs;
    this.backoffMs = backoffMinMs;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.serializer = context.newSerializer();
    context.circuitBroken();
    connect();
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    Bootstrap bootstrap =
        new Bootstrap()
            .group(EventLoops.group())
            .channel(EventLoops.clientChannel())
            .option(ChannelOption.TCP_NODELAY, target.noDelay())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                      ch.pipeline()
                          .addLast(
                              "tls",
                              tls.context().newHandler(ch.alloc(), target.host(), target.port()));
                    }
                    ch.pipeline().addLast("circuit", new Circuit());
                  }
                });
    ChannelFuture connecting = bootstrap.connect(target.host(), target.port());
    connecting.addListener(
        f -> {
          if (!f.isSuccess()) {
            String why = "cannot connect to " + target + ": " + f.cause().getMessage();
            firstAttemptFailed(why);
            reconnectLater(why);
            return;
          }
          Channel ch = connecting.channel();
          SslHandler ssl = ch.pipeline().get(SslHandler.class);
          if (ssl == null) {
            connected(ch);
          } else {
            ssl.handshakeFuture().addListener((Future<Channel> h) -> handshaken(ch, h));
          }
        });
  }

  private void handshaken(Channel ch, Future<Channel> handshake) {
    if (handshake.isSuccess()) {
      connected(ch);
    } else {
      ch.close();
      String why = "TLS handshake with " + target + " failed: " + handshake.cause().getMessage();
      firstAttemptFailed(why);
      reconnectLater(why);
    }
  }

  private void connected(Channel ch) {
    if (stopped) {
      ch.close();
      return;
    }
    synchronized (this) {
      backoffMs = backoffMinMs;
      firstAttemptEnded = true;
      // under the lock and before the channel is published: an event sent meanwhile goes after
      for (Waiting w = waitingForFirstConnect.poll();
          w != null;
          w = waitingForFirstConnect.poll()) {
        write(ch, w.event(), w.chunks());
      }
      channel = ch;
    }
    LOG.info("{}: connected to {}", artefact.url(), target);
    ch.closeFuture().addListener(f -> lost(ch));
    context.circuitRestored();
  }

  private void lost(Channel ch) {
    if (channel != ch) {
      return;
    }
    channel = null;
    if (!stopped) {
      context.circuitBroken();
      reconnectLater("connection to " + target + " lost");
    }
  }

  /** The first attempt did not connect: what waited for it fails, later events fail at once. */
  private void firstAttemptFailed(String why) {
    List<Waiting> failed;
    synchronized (this) {
      if (firstAttemptEnded) {
        return;
      }
      firstAttemptEnded = true;
      failed = List.copyOf(waitingForFirstConnect);
      waitingForFirstConnect.clear();
    }
    for (Waiting w : failed) {
      fail(w.event(), "not connected to " + target + " (" + why + ")");
    }
  }

  private void reconnectLater(String why) {
    if (stopped) {
      return;
    }
    long delay;
    synchronized (this) {
      delay = backoffMs;
      backoffMs = Math.min(backoffMaxMs, backoffMs * 2);
    }
    warn(why + "; retrying in " + delay + " ms");
    EventLoops.group().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onEvent(Event event) {
    List<byte[]> chunks = new ArrayList<>(1);
    try {
      synchronized (this) {
        for (Event e : event.elements()) {
          chunks.addAll(serializer.serialize(e.data(), e.ingestNs()));
        }
      }
    } catch (CodecException | ProcessorException e) {
      fail(event, "cannot encode the event: " + e.getMessage());
      return;
    }
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      synchronized (this) {
        ch = channel; // the first connect may have ended since
        if (ch == null && !firstAttemptEnded) {
          if (waitingForFirstConnect.size() < MAX_WAITING_FOR_FIRST_CONNECT) {
            waitingForFirstConnect.add(new Waiting(event, chunks));
            return;
          }
        }
      }
      if (ch == null || !ch.isActive()) {
        fail(event, "not connected to " + target);
        return;
      }
    }
    write(ch, event, chunks);
  }

  private void write(Channel ch, Event event, List<byte[]> chunks) {
    ByteBuf data = Unpooled.wrappedBuffer(chunks.toArray(new byte[0][]));
    writing.incrementAndGet();
    ch.writeAndFlush(data)
        .addListener(
            f -> {
              writing.decrementAndGet();
              if (f.isSuccess()) {
                context.ack(event);
              } else {
                fail(event, "write to " + target + " failed: " + f.cause().getMessage());
              }
            });
  }

  private void fail(Event event, String why) {
    warn("Error sending event: " + why);
    context.fail(event);
  }

  private void warn(String message) {
    long heldBack = errorLog.admit(message);
    if (heldBack >= 0) {
      LOG.warn("[Sink::{}] {}{}", artefact.url(), message, errorLog.heldBackNote(heldBack));
    }
  }

  @Override
  public boolean drained() {
    synchronized (this) {
      if (!waitingForFirstConnect.isEmpty()) {
        return false;
      }
    }
    return writing.get() == 0;
  }

  @Override
  public void stop() {
    stopped = true;
    firstAttemptFailed("the offramp stopped");
    Channel ch = channel;
    if (ch != null) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }

  /** Breaks the circuit while the send buffer is over its high-water mark. */
  private final class Circuit extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
      if (channel == ctx.channel()) {
        if (ctx.channel().isWritable()) {
          context.circuitRestored();
        } else {
          context.circuitBroken();
        }
      }
      super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("{}: tcp connection to {} failed: {}", artefact.url(), target, cause.toString());
      ctx.close();
    }
  }
}
