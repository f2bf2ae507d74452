package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiAddressTest {
  @Test
  void readsHostAndPortAsTremorWritesThem() {
    assertThat(ApiAddress.parse("0.0.0.0:9898")).isEqualTo(new ApiAddress("0.0.0.0", 9898));
    assertThat(ApiAddress.parse("localhost:0")).isEqualTo(new ApiAddress("localhost", 0));
    assertThat(ApiAddress.parse("[::1]:9898")).isEqualTo(new ApiAddress("::1", 9898));
  }

  @Test
  void anythingElseSaysWhatToGive() {
    for (String bad : new String[] {"9898", ":9898", "host:", "host:x", "host:70000"}) {
      assertThatThrownBy(() -> ApiAddress.parse(bad))
          .hasMessage(
              "invalid value `"
                  + bad
                  + "` for --api-host: give HOST:PORT, e.g. 0.0.0.0:9898 (port 0: any free port)");
    }
  }
}
