package io.quiver.connectors.net;

import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS client context of one client connector (an offramp), built on first use (only its TLS
 * urls, e.g. wss://, need it); warns once when it verifies nothing ({@code tls.insecure}).
 */
public final class ClientTlsContext {
  private static final Logger LOG = LoggerFactory.getLogger(ClientTlsContext.class);

  private final ClientTlsSettings settings;
  private final String owner;
  private volatile SslContext context;

  /**
   * @param owner names the connector in the warning about tls.insecure
   */
  public ClientTlsContext(ClientTlsSettings settings, String owner) {
    this.settings = settings;
    this.owner = owner;
  }

  public ClientTlsSettings settings() {
    return settings;
  }

  /** The context, built at the first call. */
  public SslContext context() {
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
