package io.quiver.runtime.world;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.value.Value;

/**
 * An onramp for metrics tests that reports a gauge of its own ({@code quiver_test_level} 7), or,
 * with {@code fail: true}, throws while reporting.
 */
public final class ReportingSource implements Source, MetricsReport.Reporter {
  private final boolean fail;

  ReportingSource(boolean fail) {
    this.fail = fail;
  }

  public static final class Provider implements SourceProvider {
    @Override
    public String name() {
      return "reporting";
    }

    @Override
    public String defaultCodec() {
      return "string";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of(
          ConfigKey.optional("fail", ConfigType.BOOL, Value.FALSE, "throw while reporting"));
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Source create(Artefact artefact, Config config) {
      return new ReportingSource(config.bool("fail"));
    }
  }

  @Override
  public void reportMetrics(MetricsReport report) {
    if (fail) {
      throw new IllegalStateException("broken reporter");
    }
    report.gauge("quiver_test_level", "A test level", 7);
  }

  @Override
  public void start(SourceContext context) {}

  @Override
  public void stop() {}
}
