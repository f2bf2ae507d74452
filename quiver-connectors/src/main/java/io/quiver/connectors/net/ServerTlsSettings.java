package io.quiver.connectors.net;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * A server connector's (an onramp's) {@code tls} record: serve {@code wss://} with a PEM
 * certificate chain and key, and optionally verify client certificates against {@code cafile}.
 */
public record ServerTlsSettings(String cert, String key, String cafile, ClientAuth clientAuth) {
  /** The fields of the {@code tls} record. */
  public static final ConfigSpec CONFIG =
      ConfigSpec.of(
              ConfigKey.required(
                      "cert", ConfigType.STRING, "PEM file with the server certificate (chain).")
                  .withCheck(Check.readableFile()),
              ConfigKey.required(
                      "key", ConfigType.STRING, "PEM file with the server's PKCS#8 private key.")
                  .withCheck(Check.readableFile()),
              ConfigKey.optional(
                      "cafile",
                      ConfigType.STRING,
                      null,
                      "PEM file with the CAs that sign accepted client certificates.")
                  .withCheck(Check.readableFile()),
              ConfigKey.optional(
                      "client_auth",
                      ConfigType.STRING,
                      Value.of("none"),
                      "none, optional or require: whether clients must present a certificate signed by cafile.")
                  .withCheck(Check.oneOf(List.of("none", "optional", "require"))))
          .withCheck(
              (c, name) ->
                  !c.string("client_auth").equals("none") && !c.has("cafile")
                      ? name.apply("client_auth")
                          + " "
                          + c.string("client_auth")
                          + " needs "
                          + name.apply("cafile")
                          + " (the CAs to verify client certificates with)"
                      : null);

  /** The settings of a record that passed {@link #CONFIG}. */
  public static ServerTlsSettings from(Value record) {
    Config c = CONFIG.parse(record);
    return new ServerTlsSettings(
        c.string("cert"),
        c.string("key"),
        c.string("cafile"),
        ClientAuth.valueOf(c.string("client_auth").toUpperCase(Locale.ROOT)));
  }

  /**
   * The server TLS context; fails with a clear message when the files do not hold what they should.
   */
  public SslContext context() {
    return context(List.of());
  }

  /**
   * The server TLS context offering {@code alpnProtocols} (e.g. {@code h2}, {@code http/1.1}) by
   * ALPN, in order of preference; none offered when empty.
   */
  public SslContext context(List<String> alpnProtocols) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(new File(cert), new File(key)).clientAuth(clientAuth);
      if (!alpnProtocols.isEmpty()) {
        builder.applicationProtocolConfig(
            new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                alpnProtocols));
      }
      if (cafile != null) {
        builder.trustManager(new File(cafile));
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot load tls.cert "
              + cert
              + " / tls.key "
              + key
              + ": "
              + e.getMessage()
              + " (expected PEM files: a certificate chain and an unencrypted PKCS#8 key)",
          e);
    }
  }
}
