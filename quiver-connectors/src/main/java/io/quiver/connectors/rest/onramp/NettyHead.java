package io.quiver.connectors.rest.onramp;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.quiver.connectors.net.HeaderRecord;
import io.quiver.value.Value;

/** A request head decoded by Netty's HTTP codec (HTTP/2 streams, clear text with h2c). */
record NettyHead(HttpRequest request) implements RequestHead {
  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String target() {
    return request.uri();
  }

  @Override
  public String header(String lowerCaseName) {
    return request.headers().get(lowerCaseName);
  }

  @Override
  public Value.Obj headerRecord() {
    return HeaderRecord.of(request.headers());
  }

  @Override
  public boolean keepAlive() {
    return HttpUtil.isKeepAlive(request);
  }

  @Override
  public boolean http10() {
    return HttpVersion.HTTP_1_0.equals(request.protocolVersion());
  }
}
