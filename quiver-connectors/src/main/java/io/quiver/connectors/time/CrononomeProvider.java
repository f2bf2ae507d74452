package io.quiver.connectors.time;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import java.time.Clock;

/**
 * The crononome onramp ({@code type: crononome}, Tremor 0.11's keys): an event each time a cron
 * entry is due, {@code {"onramp":"crononome","ingest_ns":...,"id":...,"trigger":{"name":...,
 * "payload":...}}}.
 */
public final class CrononomeProvider implements SourceProvider {
  public static final String NAME = "crononome";

  static final String ENTRIES = "entries";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  ENTRIES,
                  ConfigType.ANY,
                  "The schedule: a list of {name, expr, payload}. `expr` is a cron expression"
                      + " with seconds, in UTC: sec min hour day-of-month month day-of-week"
                      + " [year] (`*`, `?`, numbers, names, ranges `a-b`, lists `a,b`, steps"
                      + " `*/n`; day of week 1 = Sunday; day of month and day of week must both"
                      + " match), or @yearly, @monthly, @weekly, @daily, @hourly. `payload` (any"
                      + " value, optional) is copied into the event's `trigger`. A bad expression"
                      + " refuses the deployment.")
              .withCheck(CronEntry::problem));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new Crononome(artefact, CronEntry.all(config.get(ENTRIES)), Clock.systemUTC());
  }
}
