package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only RFC 6455 websocket handshakes through (version 13 with a well-formed key). An obsolete
 * handshake (hixie-75/76, hybi drafts 7 and 8, anything but version 13) gets HTTP 426 with {@code
 * Sec-WebSocket-Version: 13} (RFC 6455 §4.4) instead of being upgraded by Netty's legacy
 * handshakers, so the old {@code Sec-WebSocket-Origin} header cannot slip past {@code
 * allowed_origins}. A missing or malformed {@code Sec-WebSocket-Key} gets HTTP 400 saying so
 * (§4.2.1: a base64-encoded 16-byte value). Requests that ask for no websocket upgrade at all pass
 * on unchanged (the protocol handler refuses them with 400). Removes itself after the first
 * request.
 */
final class HandshakeVersionCheck extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeVersionCheck.class);
  static final String VERSION = "13";

  private final WsMetrics metrics;

  HandshakeVersionCheck(WsMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof FullHttpRequest request)) {
      super.channelRead(ctx, msg);
      return;
    }
    HttpHeaders headers = request.headers();
    boolean websocket =
        headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
            || headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY1); // hixie-76
    if (websocket) {
      String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
      if (!VERSION.equals(version)) {
        refuse(ctx, msg, HttpResponseStatus.UPGRADE_REQUIRED, unsupportedVersion(version));
        return;
      }
      String problem = keyProblem(headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY));
      if (problem != null) {
        refuse(ctx, msg, HttpResponseStatus.BAD_REQUEST, problem);
        return;
      }
    }
    ctx.pipeline().remove(this);
    super.channelRead(ctx, msg);
  }

  /** The body of the 426 answer to a handshake of another version than 13. */
  static String unsupportedVersion(String version) {
    return (version == null
            ? "this websocket handshake has no Sec-WebSocket-Version (hixie-75/76 are obsolete)"
            : "websocket version " + version + " is not supported")
        + "; use version 13 (RFC 6455)";
  }

  /** What is wrong with a Sec-WebSocket-Key, or null when it is a base64-encoded 16-byte value. */
  static String keyProblem(String key) {
    if (key == null || key.isBlank()) {
      return "missing Sec-WebSocket-Key header: a websocket handshake needs a random 16-byte key in base64";
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      decoded = null;
    }
    if (decoded == null || decoded.length != 16) {
      return "invalid Sec-WebSocket-Key '"
          + printable(key)
          + "': it must be a random 16-byte value in base64 (24 characters)";
    }
    return null;
  }

  private static String printable(String key) {
    String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private void refuse(
      ChannelHandlerContext ctx, Object msg, HttpResponseStatus status, String text) {
    ReferenceCountUtil.release(msg);
    metrics.connectionRejected();
    LOG.debug(
        "refusing handshake from {}: {} {}", ctx.channel().remoteAddress(), status.code(), text);
    HttpRefusal.send(
        ctx,
        status,
        text,
        headers -> {
          if (status == HttpResponseStatus.UPGRADE_REQUIRED) {
            headers
                .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, VERSION)
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
          }
        });
  }
}
