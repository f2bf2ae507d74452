package io.quiver.connectors.cloud.newrelic;

import io.quiver.connectors.cloud.Endpoints;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.net.URI;
import java.util.List;

/**
 * The validated settings of one {@code newrelic} offramp: Tremor 0.11.12's keys plus {@code
 * endpoint}, Quiver's override of the region's URL.
 *
 * @param keyHeader {@code X-License-Key} or {@code X-Insert-Key}
 * @param key the key sent in that header
 */
record NewRelicSettings(String keyHeader, String key, boolean compress, URI endpoint) {
  static final String LICENSE_KEY = "license_key";
  static final String INSERT_KEY = "insert_key";
  static final String COMPRESS_LOGS = "compress_logs";
  static final String REGION = "region";
  static final String ENDPOINT = "endpoint";
  static final String USA = "https://log-api.newrelic.com/log/v1";
  static final String EUROPE = "https://log-api.eu.newrelic.com/log/v1";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
              new ConfigKey(
                  LICENSE_KEY,
                  ConfigType.STRING,
                  false,
                  null,
                  Check.notEmpty(),
                  "New Relic license key, sent as `X-License-Key`; give this or `insert_key`."),
              new ConfigKey(
                  INSERT_KEY,
                  ConfigType.STRING,
                  false,
                  null,
                  Check.notEmpty(),
                  "New Relic insert key, sent as `X-Insert-Key`; give this or `license_key`."),
              ConfigKey.optional(
                  COMPRESS_LOGS,
                  ConfigType.BOOL,
                  Value.FALSE,
                  "Gzip each request body (`Content-Encoding: gzip`): less egress, more CPU."),
              ConfigKey.optional(
                      REGION,
                      ConfigType.STRING,
                      Value.of("usa"),
                      "`usa` (" + USA + ") or `europe` (" + EUROPE + ", for GDPR).")
                  .withCheck(Check.oneOf(List.of("usa", "europe"))),
              new ConfigKey(
                  ENDPOINT,
                  ConfigType.STRING,
                  false,
                  null,
                  v -> v instanceof Value.Str s ? Endpoints.problem(s.value()) : null,
                  "Quiver: the Log API URL to post to instead of the region's (a proxy, a test"
                      + " server)."))
          .withCheck(
              (c, name) ->
                  c.has(LICENSE_KEY) == c.has(INSERT_KEY)
                      ? "exactly one of "
                          + name.apply(LICENSE_KEY)
                          + " and "
                          + name.apply(INSERT_KEY)
                          + " must be given"
                      : null);

  static NewRelicSettings of(Config c) {
    boolean license = c.has(LICENSE_KEY);
    String url =
        c.has(ENDPOINT) ? c.string(ENDPOINT) : "europe".equals(c.string(REGION)) ? EUROPE : USA;
    return new NewRelicSettings(
        license ? "X-License-Key" : "X-Insert-Key",
        c.string(license ? LICENSE_KEY : INSERT_KEY),
        c.bool(COMPRESS_LOGS),
        URI.create(url));
  }
}
