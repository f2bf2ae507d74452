package io.quiver.connectors.ws;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/** The TLS client context for wss:// upstreams (JDK trust store), built on first use. */
final class ClientTls {
  private static volatile SslContext context;

  private ClientTls() {}

  static SslContext context() throws SSLException {
    SslContext c = context;
    if (c == null) {
      synchronized (ClientTls.class) {
        c = context;
        if (c == null) {
          c = SslContextBuilder.forClient().build();
          context = c;
        }
      }
    }
    return c;
  }
}
