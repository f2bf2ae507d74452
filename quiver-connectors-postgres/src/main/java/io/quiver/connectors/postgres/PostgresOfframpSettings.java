package io.quiver.connectors.postgres;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated settings of one {@code postgres} offramp (Tremor 0.11.12's keys, all required,
 * src/sink/postgres.rs).
 *
 * @param server where to connect
 * @param table the table every event is inserted into
 */
record PostgresOfframpSettings(PgServer server, String table) {
  static final String TABLE = "table";

  static final ConfigSpec SPEC = spec();

  private static ConfigSpec spec() {
    List<ConfigKey> keys = new ArrayList<>(PgServer.KEYS);
    keys.add(
        ConfigKey.required(
                TABLE,
                ConfigType.STRING,
                "The table each event is inserted into (as written into the SQL: `events`,"
                    + " `myschema.events`); one column per field of the event.")
            .withCheck(Check.notEmpty()));
    return ConfigSpec.of(keys.toArray(ConfigKey[]::new));
  }

  static PostgresOfframpSettings of(Config config) {
    return new PostgresOfframpSettings(PgServer.of(config), config.string(TABLE));
  }
}
