package io.quiver.connectors.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * A client connector's (an offramp's) {@code tls} record for TLS upstreams ({@code wss://}): which
 * CAs to trust (the JDK's by default), which name to verify, an optional client certificate, and an
 * insecure switch for tests.
 *
 * @param domain the name verified in the server certificate and sent as SNI; {@code null} means the
 *     url's host
 */
public record ClientTlsSettings(
    String cafile, String domain, String cert, String key, boolean insecure) {
  /** Without a {@code tls} record: the JDK's trusted CAs, the url's host name verified. */
  public static final ClientTlsSettings SYSTEM =
      new ClientTlsSettings(null, null, null, null, false);

  /** The fields of the {@code tls} record. */
  public static final ConfigSpec CONFIG =
      ConfigSpec.of(
              ConfigKey.optional(
                      "cafile",
                      ConfigType.STRING,
                      null,
                      "PEM file with the CAs to trust instead of the JDK's trust store.")
                  .withCheck(Check.readableFile()),
              ConfigKey.optional(
                  "domain",
                  ConfigType.STRING,
                  null,
                  "Name to verify in the server certificate (and to send as SNI) instead of the url's host."),
              ConfigKey.optional(
                      "cert", ConfigType.STRING, null, "PEM client certificate (chain), with key.")
                  .withCheck(Check.readableFile()),
              ConfigKey.optional(
                      "key", ConfigType.STRING, null, "PEM PKCS#8 client key, with cert.")
                  .withCheck(Check.readableFile()),
              ConfigKey.optional(
                  "insecure",
                  ConfigType.BOOL,
                  Value.FALSE,
                  "Accept any server certificate and name (tests only; logged as a warning)."))
          .withCheck(
              (c, name) ->
                  c.has("cert") != c.has("key")
                      ? name.apply("cert") + " and " + name.apply("key") + " must be given together"
                      : null);

  /** The settings of a record that passed {@link #CONFIG}. */
  public static ClientTlsSettings from(Value record) {
    Config c = CONFIG.parse(record);
    return new ClientTlsSettings(
        c.string("cafile"),
        c.string("domain"),
        c.string("cert"),
        c.string("key"),
        c.bool("insecure"));
  }

  /** The client TLS context, with hostname verification unless insecure. */
  public SslContext context() {
    try {
      SslContextBuilder builder = SslContextBuilder.forClient();
      if (insecure) {
        builder
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .endpointIdentificationAlgorithm(null);
      } else {
        builder.endpointIdentificationAlgorithm("HTTPS");
        if (cafile != null) {
          builder.trustManager(new File(cafile));
        }
      }
      if (cert != null) {
        builder.keyManager(new File(cert), new File(key));
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS for the upstream: "
              + e.getMessage()
              + " (expected PEM files: certificates and an unencrypted PKCS#8 key)",
          e);
    }
  }
}
