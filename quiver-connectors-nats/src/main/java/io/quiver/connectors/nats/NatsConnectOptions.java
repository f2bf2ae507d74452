package io.quiver.connectors.nats;

import io.nats.client.Nats;
import io.nats.client.Options;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.time.Duration;
import java.util.List;

/**
 * Tremor's {@code options} record of the nats onramp and offramp (src/sink/nats.rs {@code
 * ConnectOptions}), and how it becomes the Java client's {@link Options}.
 *
 * <p>As in Tremor, {@code credentials_path} wins over {@code username}/{@code password}, which win
 * over {@code token}; {@code echo: true} turns the server's echo of the connection's own messages
 * <em>off</em> (Tremor 0.11.12 maps {@code echo} to the client's {@code no_echo}).
 */
record NatsConnectOptions(
    String token,
    String username,
    String password,
    String credentialsPath,
    String certPath,
    String keyPath,
    String name,
    boolean echo,
    Long maxReconnects,
    Long reconnectBufferSize,
    boolean tls,
    String rootCert) {

  static final String OPTIONS = "options";

  static final ConfigSpec FIELDS =
      ConfigSpec.of(
          ConfigKey.optional("token", ConfigType.STRING, null, "Authenticate with this token."),
          ConfigKey.optional(
              "username",
              ConfigType.STRING,
              null,
              "Authenticate with this user name (together with `password`)."),
          ConfigKey.optional("password", ConfigType.STRING, null, "The password for `username`."),
          ConfigKey.optional(
                  "credentials_path",
                  ConfigType.STRING,
                  null,
                  "A NATS `.creds` file (JWT and NKey seed) to authenticate with.")
              .withCheck(Check.readableFile()),
          ConfigKey.optional(
                  "cert_path",
                  ConfigType.STRING,
                  null,
                  "Client certificate (PEM) for mutual TLS, together with `key_path`.")
              .withCheck(Check.readableFile()),
          ConfigKey.optional(
                  "key_path",
                  ConfigType.STRING,
                  null,
                  "The client certificate's private key (PEM, PKCS#8).")
              .withCheck(Check.readableFile()),
          ConfigKey.optional(
              "name", ConfigType.STRING, null, "The connection's name, as the server shows it."),
          ConfigKey.optional(
              "echo",
              ConfigType.BOOL,
              Value.of(false),
              "As in Tremor 0.11.12: `true` asks the server NOT to echo this connection's own"
                  + " published messages to its subscriptions (Tremor maps it to `no_echo`)."),
          ConfigKey.optional(
                  "max_reconnects",
                  ConfigType.INTEGER,
                  null,
                  "Reconnect attempts after a lost connection before the client gives up (the"
                      + " client's default: 60); the connector then starts over with a new"
                      + " connection.")
              .withCheck(Check.between(0, Integer.MAX_VALUE)),
          ConfigKey.optional(
                  "reconnect_buffer_size",
                  ConfigType.INTEGER,
                  null,
                  "Bytes of published messages buffered while reconnecting (the client's default:"
                      + " 8 MiB).")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional("tls", ConfigType.BOOL, Value.of(false), "Require TLS to the server."),
          ConfigKey.optional(
                  "root_cert",
                  ConfigType.STRING,
                  null,
                  "A CA certificate (PEM) to trust for the server's certificate (instead of the JDK's CAs);"
                      + " turns TLS on, as `tls: true` does.")
              .withCheck(Check.readableFile()));

  static final ConfigKey KEY =
      ConfigKey.optional(
              OPTIONS, ConfigType.RECORD, null, "Connection options (authentication, TLS, name).")
          .withFields(FIELDS);

  static final NatsConnectOptions NONE =
      new NatsConnectOptions(
          null, null, null, null, null, null, null, false, null, null, false, null);

  static NatsConnectOptions of(Config config) {
    Config c = config.record(OPTIONS);
    if (c == null) {
      return NONE;
    }
    return new NatsConnectOptions(
        c.string("token"),
        c.string("username"),
        c.string("password"),
        c.string("credentials_path"),
        c.string("cert_path"),
        c.string("key_path"),
        c.string("name"),
        c.bool("echo"),
        c.has("max_reconnects") ? c.integer("max_reconnects") : null,
        c.has("reconnect_buffer_size") ? c.integer("reconnect_buffer_size") : null,
        c.bool("tls"),
        c.string("root_cert"));
  }

  /**
   * The client's options for {@code hosts} ({@code host:port}, or URLs with a scheme). TLS files
   * are read here: a file that cannot be used fails with an exception naming it.
   */
  Options.Builder builder(List<String> hosts) throws Exception {
    Options.Builder b =
        new Options.Builder()
            .servers(hosts.stream().map(NatsConnectOptions::url).toArray(String[]::new))
            .connectionTimeout(Duration.ofSeconds(2))
            .reconnectWait(Duration.ofMillis(500));
    if (credentialsPath != null) {
      b.authHandler(Nats.credentials(credentialsPath));
    } else if (username != null && password != null) {
      b.userInfo(username.toCharArray(), password.toCharArray());
    } else if (token != null) {
      b.token(token.toCharArray());
    }
    if (name != null) {
      b.connectionName(name);
    }
    if (echo) {
      b.noEcho();
    }
    if (maxReconnects != null) {
      b.maxReconnects(maxReconnects.intValue());
    }
    if (reconnectBufferSize != null) {
      b.reconnectBufferSize(reconnectBufferSize);
    }
    if (tls || rootCert != null || (certPath != null && keyPath != null)) {
      b.sslContext(PemTls.context(rootCert, certPath, keyPath));
    }
    return b;
  }

  /** {@code host:port} as Tremor takes it, or a URL given with its scheme. */
  static String url(String host) {
    return host.contains("://") ? host : "nats://" + host;
  }
}
