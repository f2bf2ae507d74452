package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RestOnrampProviderTest {
  private final ConfigSpec spec = new RestOnrampProvider().configSpec();

  @Test
  void tremorDefaultsAndQuiversLimits() {
    RestOnrampSettings s = RestOnrampProvider.settings(spec.validate(Value.EMPTY_OBJECT).config());

    assertThat(s)
        .isEqualTo(
            new RestOnrampSettings(
                "0.0.0.0",
                8000,
                null,
                16 * 1024 * 1024,
                16 * 1024,
                8 * 1024,
                10_000,
                30_000,
                75_000,
                false));
    assertThat(new RestOnrampProvider().defaultCodec()).isEqualTo("json");
  }

  @Test
  void everyBadValueIsReported() {
    var result =
        spec.validate(
            Value.obj(
                "port", Value.of(70_000),
                "max_body_size", Value.of(-1),
                "reply_timeout_ms", Value.of(-5)));

    assertThat(String.join("\n", result.problems().stream().map(Object::toString).toList()))
        .contains("port")
        .contains("max_body_size")
        .contains("reply_timeout_ms");
    assertThat(result.problems()).hasSize(3);
  }

  @Test
  void registeredAsRest() {
    assertThat(
            ServiceLoader.load(io.quiver.spi.SourceProvider.class).stream()
                .map(p -> p.get().name()))
        .contains("rest");
  }
}
