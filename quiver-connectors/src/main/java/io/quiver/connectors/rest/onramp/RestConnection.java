package io.quiver.connectors.rest.onramp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import io.quiver.connectors.net.DeadlineTimer;
import io.quiver.spi.Serializer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One client connection: its exchanges in request order, answered in that order however their
 * replies arrive (HTTP/1.1 pipelining), keep-alive or close after each answer, and reading stopped
 * while a stream of it is paused, while {@link #MAX_OUTSTANDING} requests wait, or for good after a
 * refusal. Everything runs on the channel's event loop.
 */
final class RestConnection extends ChannelInboundHandlerAdapter
    implements RequestReader.Requests, ConnectionClock.Listener {
  /** Pipelined requests a connection may have waiting before it is no longer read. */
  static final int MAX_OUTSTANDING = 64;

  private static final AsciiString EXTENSION_SCHEME =
      HttpConversionUtil.ExtensionHeaderNames.SCHEME.text();
  private static final AsciiString EXTENSION_STREAM_ID =
      HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text();

  private final RestOnramp onramp;
  private final ConnectionClock clock;
  private final String scheme;
  private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private DeadlineTimer replyClock;
  private long replyTimeoutMs;
  private String localAuthority;
  private int pausedStreams;
  private boolean closing;
  private Serializer defaultSerializer;
  private String lastContentType;
  private Serializer lastSerializer;

  /** {@link #serializer} as a function, made once (a reply asks for it). */
  final Function<String, Serializer> serializers = this::serializer;

  /** The header lines of the replies' {@code $response.headers}, kept while they repeat. */
  final ReplyHeaders replyHeaders = new ReplyHeaders();

  /** Whether this is one stream of an HTTP/2 connection. */
  private final boolean http2Stream;

  /** Whether answers are written by {@link Http1Writer} (else as Netty's response objects). */
  private final boolean ownCodec;

  RestConnection(
      RestOnramp onramp,
      ConnectionClock clock,
      String scheme,
      boolean http2Stream,
      boolean ownCodec) {
    this.onramp = onramp;
    this.clock = clock;
    this.scheme = scheme;
    this.http2Stream = http2Stream;
    this.ownCodec = ownCodec;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.replyClock = new DeadlineTimer(ctx.executor(), this::repliesDue);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closing = true;
    replyClock.stop();
    for (Exchange x : exchanges) {
      abandon(x);
    }
    exchanges.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    super.userEventTriggered(ctx, evt);
    if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
      // upgraded to h2c: HTTP/2's handlers took over; its streams have connections of their own
      ChannelPipeline p = ctx.pipeline();
      p.remove(ConnectionClock.class);
      p.remove(RequestReader.class);
      p.remove(this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    onramp.connectionError(cause);
    ctx.close();
  }

  /**
   * {@code x} gets a reply timeout answer unless answered within {@code ms} milliseconds. The
   * connection has one clock for every exchange: due at the oldest one's deadline (exchanges wait
   * in arrival order and share one timeout, so the oldest is due first).
   */
  void replyDueIn(Exchange x, long ms) {
    x.replyDueNs = replyClock.now() + TimeUnit.MILLISECONDS.toNanos(ms);
    x.replyDue = true;
    replyTimeoutMs = ms;
    if (!replyClock.isSet()) {
      replyClock.setAt(x.replyDueNs);
    }
  }

  /** The reply clock expired: answers every exchange past its deadline, then waits for the next. */
  private void repliesDue() {
    long now = replyClock.now();
    List<Exchange> late = null;
    for (Exchange x : exchanges) {
      if (!x.replyDue || x.answered) {
        continue;
      }
      if (x.replyDueNs - now > 0) {
        replyClock.setAt(x.replyDueNs);
        break;
      }
      if (late == null) {
        late = new ArrayList<>(2);
      }
      late.add(x);
    }
    if (late != null) {
      for (Exchange x : late) {
        answer(x, ErrorResponses.replyTimeout(replyTimeoutMs));
      }
    }
  }

  /**
   * Shutdown: a connection with nothing outstanding is closed now, the others after their answers.
   */
  void closeIfQuiet() {
    onLoop(
        () -> {
          closing = true;
          updateRead();
          if (exchanges.isEmpty()) {
            ctx.close();
          }
        });
  }

  /** Whether the calling thread is this connection's loop. */
  boolean inLoop() {
    return ctx.executor().inEventLoop();
  }

  /** Runs {@code task} on this connection's loop: inline when already there. */
  void onLoop(Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
    } else {
      ctx.executor().execute(task);
    }
  }

  // ---- requests ----

  @Override
  public void request(RequestHead head, byte[] body) {
    if (http2Stream && head instanceof NettyHead n) {
      // Netty's HTTP/2 to HTTP conversion adds these; they are not the client's
      n.request().headers().remove(EXTENSION_SCHEME).remove(EXTENSION_STREAM_ID);
    }
    Exchange x = new Exchange(this, head.isHead(), head.keepAlive(), head.http10());
    exchanges.add(x);
    if (!x.keepAlive) {
      closing = true; // the answer closes the connection: nothing after this request is taken
    }
    updateRead();
    if (localAuthority == null) { // once per connection: its local address does not change
      localAuthority = RestOnramp.authority(ctx.channel().localAddress());
    }
    onramp.dispatch(x, head, body, scheme, localAuthority);
  }

  @Override
  public void refuse(Answer response) {
    Exchange x = new Exchange(this, false, false, false);
    x.closeAfter = true;
    exchanges.add(x);
    closing = true;
    updateRead();
    answer(x, response);
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public boolean quiet() {
    return exchanges.isEmpty();
  }

  @Override
  public void headerTimeout() {
    if (!closing) {
      refuse(ErrorResponses.headerTimeout(onramp.settings().headerTimeoutMs()));
    }
  }

  /** The serializer for a reply labelled {@code contentType} (null: the onramp's codec). */
  Serializer serializer(String contentType) {
    if (contentType != null) {
      // replies mostly share one content type: the last one's serializer is kept, as the default
      if (!contentType.equals(lastContentType)) {
        lastSerializer = onramp.context().newReplySerializer(contentType);
        lastContentType = contentType;
      }
      return lastSerializer;
    }
    if (defaultSerializer == null) {
      defaultSerializer = onramp.context().newReplySerializer();
    }
    return defaultSerializer;
  }

  // ---- answers ----

  /** Answers {@code x} (once: a later answer is dropped), then writes what is ready in order. */
  void answer(Exchange x, Answer response) {
    if (x.answered) {
      return;
    }
    x.answered = true;
    x.response = response;
    onramp.finish(x);
    writeReady();
  }

  private void writeReady() {
    boolean wrote = false;
    while (!exchanges.isEmpty() && exchanges.peek().response != null) {
      Exchange x = exchanges.poll();
      Answer r = x.response;
      x.response = null;
      boolean close = x.closeAfter || !x.keepAlive || (closing && exchanges.isEmpty());
      if (close) {
        ctx.writeAndFlush(encode(r, x.head, Http1Writer.Connection.CLOSE))
            .addListener(ChannelFutureListener.CLOSE);
        closing = true;
        for (Exchange rest : exchanges) {
          abandon(rest);
        }
        exchanges.clear();
        clock.stop();
        return;
      }
      // no promise per answer: a failed write reaches exceptionCaught, which closes the connection
      ctx.write(
          encode(
              r,
              x.head,
              x.http10 ? Http1Writer.Connection.KEEP_ALIVE : Http1Writer.Connection.DEFAULT),
          ctx.voidPromise());
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
      updateRead();
      clock.idleIfQuiet();
    }
  }

  private Object encode(Answer r, boolean head, Http1Writer.Connection connection) {
    return ownCodec
        ? Http1Writer.write(ctx.alloc(), r, head, connection)
        : NettyAnswers.full(r, head, connection);
  }

  /** The exchange will get no answer (the connection is going away). */
  private void abandon(Exchange x) {
    x.response = null;
    if (!x.answered) {
      x.answered = true;
      onramp.finish(x);
    }
  }

  // ---- reading ----

  /** A stream of this connection was paused (true) or resumed (false) by the runtime. */
  void streamPaused(boolean paused) {
    pausedStreams += paused ? 1 : -1;
    updateRead();
  }

  private void updateRead() {
    boolean read = !closing && pausedStreams <= 0 && exchanges.size() < MAX_OUTSTANDING;
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  /** The connection's exchanges not yet written: for tests. */
  int outstanding() {
    return exchanges.size();
  }
}
