package io.quiver.connectors.ws;

import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TLS client context of one offramp, built on first use (only wss:// urls need it). */
final class UpstreamTls {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamTls.class);

  private final ClientTlsSettings settings;
  private final String owner;
  private volatile SslContext context;

  UpstreamTls(ClientTlsSettings settings, String owner) {
    this.settings = settings;
    this.owner = owner;
  }

  ClientTlsSettings settings() {
    return settings;
  }

  SslContext context() {
    SslContext c = context;
    if (c == null) {
      synchronized (this) {
        c = context;
        if (c == null) {
          if (settings.insecure()) {
            LOG.warn(
                "{}: tls.insecure is true: upstream certificates and host names are NOT verified;"
                    + " use this for tests only",
                owner);
          }
          c = settings.context();
          context = c;
        }
      }
    }
    return c;
  }
}
