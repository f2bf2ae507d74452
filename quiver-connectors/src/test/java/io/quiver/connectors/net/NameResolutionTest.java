package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class NameResolutionTest {
  @Test
  void literalsAreAddressesWithoutALookup() {
    assertThat(NameResolution.literal("127.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(NameResolution.literal("::1")).isNotNull();
    assertThat(NameResolution.literal("[::1]")).isNotNull();
    assertThat(NameResolution.literal("localhost")).isNull();
    assertThat(NameResolution.literal("256.1.1.1")).isNull();
  }

  @Test
  void serversAreAddressesWithAnOptionalPort() {
    assertThat(NameResolution.server("127.0.0.1"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 53));
    assertThat(NameResolution.server("127.0.0.1:5353"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
    assertThat(NameResolution.server("[::1]:5353").getPort()).isEqualTo(5353);
    assertThat(NameResolution.server("dns.example:53")).isNull();
    assertThat(NameResolution.server("127.0.0.1:0")).isNull();
    assertThat(NameResolution.server("127.0.0.1:x")).isNull();
    assertThat(NameResolution.server("127.0.0.1:")).isNull();
  }
}
