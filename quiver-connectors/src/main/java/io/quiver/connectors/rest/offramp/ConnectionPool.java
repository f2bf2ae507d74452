package io.quiver.connectors.rest.offramp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ConnectionMetrics;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.NameResolution;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keep-alive connections of one offramp, by endpoint (scheme, host, port): {@link #acquire}
 * takes an idle one or dials a new one (names resolved without blocking, TLS for https), {@link
 * #release} keeps a reusable one for the next request, up to {@code pool_size} idle per endpoint. A
 * connection the upstream closes while idle leaves the pool at once. Every connection lives on the
 * offramp's loop, and so does every call here.
 */
final class ConnectionPool {
  private final EventLoop loop;
  private final RestOfframpSettings settings;
  private final ClientTlsContext tls;
  private final DnsNameResolver resolver;
  private final ConnectionMetrics metrics;
  private final Map<Endpoint.PoolKey, ArrayDeque<Channel>> idle = new HashMap<>();
  private final Set<Channel> open = new HashSet<>();

  /**
   * The response header records of every connection here (all on this loop): an upstream answers
   * with the same headers on each of them, so they share one record while those do not change.
   */
  private final ResponseRecords records = new ResponseRecords();

  private boolean closed;

  ConnectionPool(
      EventLoop loop,
      RestOfframpSettings settings,
      ClientTlsContext tls,
      DnsNameResolver resolver,
      ConnectionMetrics metrics) {
    this.loop = loop;
    this.settings = settings;
    this.tls = tls;
    this.resolver = resolver;
    this.metrics = metrics;
  }

  /** An idle connection to {@code target} that is still open, taken from the pool, or null. */
  Channel takeIdle(Endpoint.Target target) {
    Endpoint.PoolKey key = target.poolKey();
    ArrayDeque<Channel> q = idle.get(key);
    while (q != null && !q.isEmpty()) {
      Channel ch = q.pollLast(); // the most recently used: the least likely to be closed
      if (q.isEmpty()) {
        idle.remove(key);
      }
      if (ch.isActive()) {
        return ch;
      }
    }
    return null;
  }

  /** A connection to {@code target}, ready for a request; an idle one when there is one. */
  Future<Channel> acquire(Endpoint.Target target) {
    Channel pooled = takeIdle(target);
    if (pooled != null) {
      return loop.<Channel>newPromise().setSuccess(pooled);
    }
    Promise<Channel> promise = loop.newPromise();
    if (closed) {
      return promise.setFailure(new IllegalStateException("the offramp is stopping"));
    }
    InetAddress literal = NameResolution.literal(target.socketHost());
    if (literal != null) {
      connect(target, new InetSocketAddress(literal, target.portOrDefault()), promise);
    } else {
      resolver
          .resolve(target.socketHost())
          .addListener(
              (Future<InetAddress> f) -> {
                if (f.isSuccess()) {
                  connect(
                      target, new InetSocketAddress(f.getNow(), target.portOrDefault()), promise);
                } else {
                  promise.tryFailure(f.cause());
                }
              });
    }
    return promise;
  }

  /** Whether {@code ch} was handed out before (so it may have gone stale while idle). */
  static boolean reused(Channel ch) {
    return ch.hasAttr(Attributes.USED) && Boolean.TRUE.equals(ch.attr(Attributes.USED).get());
  }

  private void connect(Endpoint.Target target, InetSocketAddress address, Promise<Channel> p) {
    ChannelFuture connect =
        new Bootstrap()
            .group(loop)
            .channel(EventLoops.clientChannel())
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs()))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(initializer(target))
            .connect(address);
    connect.addListener(
        (ChannelFuture f) -> {
          if (!f.isSuccess()) {
            p.tryFailure(f.cause());
            return;
          }
          Channel ch = f.channel();
          open.add(ch);
          metrics.opened();
          ch.closeFuture()
              .addListener(
                  c -> {
                    open.remove(ch);
                    metrics.closed();
                    Endpoint.PoolKey key = target.poolKey();
                    ArrayDeque<Channel> q = idle.get(key);
                    if (q != null && q.remove(ch) && q.isEmpty()) {
                      idle.remove(key); // endpoints come and go with $endpoint
                    }
                  });
          SslHandler ssl = ch.pipeline().get(SslHandler.class);
          if (ssl == null) {
            if (!p.trySuccess(ch)) {
              ch.close();
            }
            return;
          }
          ssl.handshakeFuture()
              .addListener(
                  h -> {
                    if (!h.isSuccess()) {
                      ch.close();
                      p.tryFailure(h.cause());
                    } else if (!p.trySuccess(ch)) {
                      ch.close();
                    }
                  });
        });
  }

  private ChannelInitializer<Channel> initializer(Endpoint.Target target) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (target.tls()) {
          String peer =
              tls.settings().domain() != null ? tls.settings().domain() : target.socketHost();
          SslHandler ssl = tls.context().newHandler(ch.alloc(), peer, target.portOrDefault());
          ssl.setHandshakeTimeoutMillis(settings.connectTimeoutMs());
          ch.pipeline().addLast("tls", ssl);
        }
        ch.pipeline()
            .addLast(
                ExchangeHandler.NAME, new ExchangeHandler(settings.maxResponseSize(), records));
      }
    };
  }

  /** The request on {@code ch} is over: keep it for the next one when it can carry one. */
  void release(Endpoint.Target target, Channel ch, boolean reusable) {
    ch.attr(Attributes.USED).set(Boolean.TRUE);
    Endpoint.PoolKey key = target.poolKey();
    ArrayDeque<Channel> q = idle.get(key);
    int idleHere = q == null ? 0 : q.size();
    if (!reusable || closed || !ch.isActive() || idleHere >= settings.poolSize()) {
      ch.close();
      return;
    }
    if (q == null) {
      q = new ArrayDeque<>();
      idle.put(key, q);
    }
    q.addLast(ch);
  }

  /** Connections open now (idle or busy). */
  int open() {
    return open.size();
  }

  /** Endpoints with idle connections now. */
  int idleEndpoints() {
    return idle.size();
  }

  /** Idle connections now. */
  int idle() {
    int n = 0;
    for (ArrayDeque<Channel> q : idle.values()) {
      n += q.size();
    }
    return n;
  }

  /** Closes every connection; later dials fail. */
  void closeAll() {
    closed = true;
    idle.clear();
    for (Channel ch : Set.copyOf(open)) {
      ch.close();
    }
  }

  private static final class Attributes {
    static final io.netty.util.AttributeKey<Boolean> USED =
        io.netty.util.AttributeKey.valueOf("quiver.rest.used");
  }
}
