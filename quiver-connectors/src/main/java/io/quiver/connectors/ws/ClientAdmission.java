package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one of the onramp's max_connections client slots for a handshake request, or answers it
 * with HTTP 503 when they are all taken. Slots are taken when a whole request arrived, not at
 * accept, so sockets that never send a request (they are bounded by max_pending_handshakes and
 * handshake_timeout_ms instead) cannot keep real clients out. The slot is given back when the
 * connection closes. Removes itself after the first request.
 */
final class ClientAdmission extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAdmission.class);

  /** The slots of one onramp. Thread-safe. */
  static final class Slots {
    private final int max;
    private final AtomicInteger taken = new AtomicInteger();
    private volatile boolean full;

    /**
     * @param max the number of slots; 0 for no limit
     */
    Slots(int max) {
      this.max = max;
    }

    boolean tryTake() {
      while (true) {
        int n = taken.get();
        if (max > 0 && n >= max) {
          return false;
        }
        if (taken.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void give() {
      taken.decrementAndGet();
    }

    int taken() {
      return taken.get();
    }
  }

  private final AcceptedChannels channels;
  private final Slots slots;
  private final int maxConnections;
  private final String onramp;
  private final WsMetrics metrics;

  ClientAdmission(AcceptedChannels channels, int maxConnections, String onramp, WsMetrics metrics) {
    this.channels = channels;
    this.slots = channels.slots();
    this.maxConnections = maxConnections;
    this.onramp = onramp;
    this.metrics = metrics;
  }

  static String text(int maxConnections) {
    return "too many connections (max_connections is " + maxConnections + "); try again later";
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof FullHttpRequest)) {
      super.channelRead(ctx, msg);
      return;
    }
    if (slots.tryTake()) {
      slots.full = false;
      channels.tookSlot(ctx.channel());
      ctx.pipeline().remove(this);
      super.channelRead(ctx, msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    metrics.connectionRejected();
    if (!slots.full) {
      slots.full = true;
      LOG.warn(
          "{}: refusing client {} with HTTP 503: max_connections ({}) reached; further refusals are"
              + " logged at debug level until a client is accepted again",
          onramp,
          ctx.channel().remoteAddress(),
          maxConnections);
    } else {
      LOG.debug(
          "refusing client {}: max_connections ({}) reached",
          ctx.channel().remoteAddress(),
          maxConnections);
    }
    HttpRefusal.send(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, text(maxConnections));
  }
}
