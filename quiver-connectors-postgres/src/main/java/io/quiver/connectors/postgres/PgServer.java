package io.quiver.connectors.postgres;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The server a {@code postgres} onramp or offramp talks to: Tremor 0.11.12's five connection keys,
 * all required, as both of its postgres connectors take them.
 *
 * @param host the server's host name or address
 * @param port its TCP port
 * @param user the role to log in as
 * @param password that role's password
 * @param dbname the database
 */
record PgServer(String host, int port, String user, String password, String dbname) {
  static final String HOST = "host";
  static final String PORT = "port";
  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String DBNAME = "dbname";

  /** How long a connection attempt may take before it counts as failed. */
  static final int CONNECT_TIMEOUT_S = 5;

  static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.required(HOST, ConfigType.STRING, "PostgreSQL server host name or address.")
              .withCheck(Check.notEmpty()),
          ConfigKey.required(PORT, ConfigType.INTEGER, "PostgreSQL server port, e.g. 5432.")
              .withCheck(Check.between(1, 65_535)),
          ConfigKey.required(USER, ConfigType.STRING, "The role to log in as."),
          ConfigKey.required(PASSWORD, ConfigType.STRING, "That role's password."),
          ConfigKey.required(DBNAME, ConfigType.STRING, "The database to connect to.")
              .withCheck(Check.notEmpty()));

  static PgServer of(Config config) {
    return new PgServer(
        config.string(HOST),
        (int) config.integer(PORT),
        config.string(USER),
        config.string(PASSWORD),
        config.string(DBNAME));
  }

  /** The JDBC url ({@code jdbc:postgresql://host:port/dbname}, IPv6 literals bracketed). */
  String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://"
        + h
        + ":"
        + port
        + "/"
        + URLEncoder.encode(dbname, StandardCharsets.UTF_8);
  }

  /** A new connection, as Tremor's {@code NoTls} client: no TLS, autocommit on. Blocks. */
  Connection connect(String applicationName) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
    p.setProperty("socketTimeout", "60");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", applicationName);
    // the driver itself, not DriverManager: no dependence on service files surviving the fat jar
    return new org.postgresql.Driver().connect(jdbcUrl(), p);
  }

  /** For log lines: where, never the password. */
  @Override
  public String toString() {
    return user + "@" + host + ":" + port + "/" + dbname;
  }
}
