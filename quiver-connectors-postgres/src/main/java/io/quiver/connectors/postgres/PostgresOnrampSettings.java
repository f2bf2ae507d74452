package io.quiver.connectors.postgres;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated settings of one {@code postgres} onramp (Tremor 0.11.12's keys, all required,
 * src/source/postgres.rs).
 *
 * @param server where to connect
 * @param query the query, run with the window's start ({@code $1}) and end ({@code $2}) as {@code
 *     TIMESTAMPTZ} parameters
 * @param intervalMs the length of every window after the first
 * @param consumeFrom the start of the first window (which ends at the time the onramp starts)
 * @param consumeFromText {@code consume_from} as configured (the cursor file records it)
 * @param cachePath the cursor file
 * @param cacheSize the cursor file's size in bytes: the cursor's JSON must fit
 * @param commitLagMs how long after a window's end it is queried (Quiver)
 */
record PostgresOnrampSettings(
    PgServer server,
    String query,
    long intervalMs,
    OffsetDateTime consumeFrom,
    String consumeFromText,
    Path cachePath,
    int cacheSize,
    long commitLagMs) {
  static final String QUERY = "query";
  static final String INTERVAL_MS = "interval_ms";
  static final String CONSUME_FROM = "consume_from";
  static final String CACHE = "cache";
  static final String CACHE_PATH = "path";
  static final String CACHE_SIZE = "size";
  static final String COMMIT_LAG_MS = "commit_lag_ms";

  private static final ConfigSpec CACHE_SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  CACHE_PATH,
                  ConfigType.STRING,
                  "The cursor file: the window to query next, kept across polls and restarts.")
              .withCheck(Check.notEmpty()),
          ConfigKey.required(
                  CACHE_SIZE,
                  ConfigType.INTEGER,
                  "The cursor file's size in bytes; the cursor (about 130 bytes of JSON) must fit.")
              .withCheck(Check.between(1, 1 << 20)));

  static final ConfigSpec SPEC = spec();

  private static ConfigSpec spec() {
    List<ConfigKey> keys = new ArrayList<>(PgServer.KEYS);
    keys.add(
        ConfigKey.required(
                QUERY,
                ConfigType.STRING,
                "The query run for each window, with the window's start as `$1` and its end as"
                    + " `$2` (both `TIMESTAMPTZ`), e.g. `SELECT * FROM t WHERE created_at >= $1 AND"
                    + " created_at < $2`. Every row is one event.")
            .withCheck(Check.notEmpty().and(PostgresOnrampSettings::onlyWindowParameters)));
    keys.add(
        ConfigKey.required(
                INTERVAL_MS,
                ConfigType.INTEGER,
                "Poll interval: each window after the first is this long and is queried once it"
                    + " has passed (and `commit_lag_ms` more).")
            .withCheck(Check.between(1, 0xFFFF_FFFFL)));
    keys.add(
        ConfigKey.required(
                CONSUME_FROM,
                ConfigType.STRING,
                "Start of the first window, `YYYY-MM-DD HH:MM:SS.ffffff +hh:mm`; the first window"
                    + " ends when the onramp starts, so older rows are backfilled.")
            .withCheck(PostgresOnrampSettings::timestamp));
    keys.add(
        ConfigKey.required(
                CACHE, ConfigType.RECORD, "The cursor file: `path` and `size` (both required).")
            .withFields(CACHE_SPEC));
    keys.add(
        ConfigKey.optional(
                COMMIT_LAG_MS,
                ConfigType.INTEGER,
                io.quiver.value.Value.of(1000L),
                "Quiver only: a window is queried this long after its end, so that rows stamped"
                    + " inside it but committed up to this much later are still read (Tremor 0.11"
                    + " queries windows that have not even ended).")
            .withCheck(Check.between(0, 86_400_000)));
    return ConfigSpec.of(keys.toArray(ConfigKey[]::new));
  }

  private static String onlyWindowParameters(io.quiver.value.Value v) {
    if (!(v instanceof io.quiver.value.Value.Str s)) {
      return null;
    }
    for (int p : PgQuery.of(s.value()).parameters()) {
      if (p != 1 && p != 2) {
        return "the query has parameter $"
            + p
            + ", but only $1 (the window's start) and $2 (its end) are given";
      }
    }
    return null;
  }

  private static String timestamp(io.quiver.value.Value v) {
    if (!(v instanceof io.quiver.value.Value.Str s)) {
      return null;
    }
    try {
      TremorTime.parse(s.value());
      return null;
    } catch (TremorTime.ParseException e) {
      return e.getMessage() + " (expected e.g. 2019-12-01 00:00:00.000000 +00:00)";
    }
  }

  static PostgresOnrampSettings of(Config config) {
    Config cache = config.record(CACHE);
    String from = config.string(CONSUME_FROM);
    OffsetDateTime consumeFrom;
    try {
      consumeFrom = TremorTime.parse(from);
    } catch (TremorTime.ParseException e) {
      throw new IllegalArgumentException(e); // refused by the check before
    }
    return new PostgresOnrampSettings(
        PgServer.of(config),
        config.string(QUERY),
        config.integer(INTERVAL_MS),
        consumeFrom,
        from,
        Path.of(cache.string(CACHE_PATH)),
        (int) cache.integer(CACHE_SIZE),
        config.integer(COMMIT_LAG_MS));
  }
}
