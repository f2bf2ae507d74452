package io.quiver.connectors.rest.onramp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of an accepted connection. HTTP/1.1 (clear text, TLS, or ALPN's http/1.1): {@link
 * ConnectionClock}, the onramp's own {@link Http1Decoder}, {@link RestConnection} writing with
 * {@link Http1Writer}. With {@code http2}: over TLS the protocol is chosen by ALPN (h2 or
 * http/1.1), in clear text a client may start with HTTP/2's preface (prior knowledge) or upgrade
 * with {@code Upgrade: h2c}, and there HTTP/1.1 keeps Netty's codec and {@link RequestReader}, as
 * the upgrade needs them; every HTTP/2 stream is a child channel with a reader and a connection of
 * its own, seeing the same request heads as HTTP/1.1.
 */
final class RestChannelInitializer extends ChannelInitializer<Channel> {
  private final RestOnramp onramp;
  private final RestOnrampSettings settings;
  private final SslContext tls;
  private final String scheme;
  private final HttpDecoderConfig decoder;

  RestChannelInitializer(RestOnramp onramp, RestOnrampSettings settings, SslContext tls) {
    this.onramp = onramp;
    this.settings = settings;
    this.tls = tls;
    this.scheme = tls == null ? "http" : "https";
    this.decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(settings.maxRequestLineLength())
            .setMaxHeaderSize(settings.maxHeaderSize());
  }

  String scheme() {
    return scheme;
  }

  @Override
  protected void initChannel(Channel ch) {
    onramp.accepted(ch);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    if (!settings.http2()) {
      http1(p);
      return;
    }
    if (settings.idleTimeoutMs() > 0) {
      // HTTP/2 has no request-by-request clock: a connection silent both ways is closed
      long ms = settings.idleTimeoutMs();
      p.addLast("idle", new IdleStateHandler(0, 0, ms, TimeUnit.MILLISECONDS));
      p.addLast("idle-close", new IdleClose());
    }
    if (tls != null) {
      p.addLast(
          "alpn",
          new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
              if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(http2Codec(), http2Streams());
              } else {
                http1(ctx.pipeline());
              }
            }
          });
    } else {
      h2c(p);
    }
  }

  /** HTTP/1.1 with the h2c upgrade and prior-knowledge preface detection in front. */
  private void h2c(ChannelPipeline p) {
    HttpServerCodec codec = new HttpServerCodec(decoder);
    HttpServerUpgradeHandler.UpgradeCodecFactory factory =
        protocol ->
            AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                ? new Http2ServerUpgradeCodec(http2Codec(), http2Streams())
                : null;
    HttpServerUpgradeHandler upgrade =
        new HttpServerUpgradeHandler(codec, factory, settings.maxBodySize());
    ConnectionClock clock = clock();
    p.addLast("clock", clock)
        .addLast(
            "h2c",
            new CleartextHttp2ServerUpgradeHandler(
                codec, upgrade, new Http2Start(http2Codec(), http2Streams())));
    reader(p, clock);
  }

  /** HTTP/1.1 with the onramp's own parser and writer. */
  private void http1(ChannelPipeline p) {
    ConnectionClock clock = clock();
    Http1Decoder reader =
        new Http1Decoder(
            settings.maxBodySize(),
            settings.maxRequestLineLength(),
            settings.maxHeaderSize(),
            clock);
    RestConnection connection = new RestConnection(onramp, clock, scheme, false, true);
    clock.listener(connection);
    reader.requests(connection);
    p.addLast("clock", clock).addLast("reader", reader).addLast("connection", connection);
  }

  private ConnectionClock clock() {
    return new ConnectionClock(settings.headerTimeoutMs(), settings.idleTimeoutMs());
  }

  private void reader(ChannelPipeline p, ConnectionClock clock) {
    RequestReader reader = new RequestReader(settings.maxBodySize(), clock);
    RestConnection connection = new RestConnection(onramp, clock, scheme, false, false);
    clock.listener(connection);
    reader.requests(connection);
    p.addLast("reader", reader).addLast("connection", connection);
  }

  private Http2FrameCodec http2Codec() {
    return Http2FrameCodecBuilder.forServer()
        .initialSettings(
            Http2Settings.defaultSettings().maxHeaderListSize(settings.maxHeaderSize()))
        .build();
  }

  /** One HTTP/2 stream: frames to request objects, then a reader and connection of its own. */
  private Http2MultiplexHandler http2Streams() {
    return new Http2MultiplexHandler(
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel stream) {
            stream.pipeline().addLast("h2", new Http2StreamFrameToHttpObjectCodec(true));
            ConnectionClock none = new ConnectionClock(0, 0);
            RequestReader reader = new RequestReader(settings.maxBodySize(), none);
            RestConnection connection = new RestConnection(onramp, none, scheme, true, false);
            none.listener(connection);
            reader.requests(connection);
            stream.pipeline().addLast("reader", reader).addLast("connection", connection);
          }
        });
  }

  /**
   * Replaces the clear-text HTTP/1.1 handlers by HTTP/2's when a client starts with the preface.
   */
  private static final class Http2Start extends ChannelInitializer<Channel> {
    private final Http2FrameCodec codec;
    private final Http2MultiplexHandler streams;

    Http2Start(Http2FrameCodec codec, Http2MultiplexHandler streams) {
      this.codec = codec;
      this.streams = streams;
    }

    @Override
    protected void initChannel(Channel ch) {
      ChannelPipeline p = ch.pipeline();
      for (String name : new String[] {"clock", "reader", "connection"}) {
        if (p.get(name) != null) {
          p.remove(name);
        }
      }
      p.addLast(codec, streams);
    }
  }

  /**
   * Closes the connection when {@link IdleStateHandler} finds it silent both ways, unless it speaks
   * HTTP/1.1 (whose {@link ConnectionClock} owns idleness and knows when a request waits for its
   * answer) or an HTTP/2 stream still waits for its answer: a slow pipeline is not an idle client.
   */
  private static final class IdleClose extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent) {
        if (ctx.pipeline().get("clock") == null && !streamsOpen(ctx.pipeline())) {
          ctx.close();
        }
      } else {
        super.userEventTriggered(ctx, evt);
      }
    }

    private static boolean streamsOpen(ChannelPipeline p) {
      Http2FrameCodec codec = p.get(Http2FrameCodec.class);
      return codec != null && codec.connection().numActiveStreams() > 0;
    }
  }
}
