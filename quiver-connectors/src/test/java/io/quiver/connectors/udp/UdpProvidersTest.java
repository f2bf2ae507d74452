package io.quiver.connectors.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Json;
import org.junit.jupiter.api.Test;

/** The udp ramps' keys, defaults and checks, and Tremor's handling of the deprecated keys. */
class UdpProvidersTest {
  private static ConfigSpec.Validation validate(ConfigSpec spec, String json) throws Exception {
    return spec.validate(Json.parse(json));
  }

  private static UdpOfframpSettings offramp(String json) throws Exception {
    ConfigSpec.Validation v = validate(new UdpOfframpProvider().configSpec(), json);
    assertThat(v.problems()).isEmpty();
    return UdpOfframpSettings.of(v.config());
  }

  @Test
  void theOnrampNeedsHostAndPortAndDecodesStringsByDefault() throws Exception {
    UdpOnrampProvider provider = new UdpOnrampProvider();
    assertThat(provider.name()).isEqualTo("udp");
    assertThat(provider.defaultCodec()).isEqualTo("string");
    assertThat(validate(provider.configSpec(), "{}").problems())
        .extracting(ConfigProblem::message)
        .containsExactly(
            "missing required configuration \"host\" which has no default value",
            "missing required configuration \"port\" which has no default value");
    Config ok = validate(provider.configSpec(), "{\"host\":\"127.0.0.1\",\"port\":4242}").config();
    assertThat(ok.integer(UdpOnrampProvider.MAX_DATAGRAM_SIZE)).isEqualTo(65_535);
  }

  @Test
  void theOnrampsDatagramLimitIsAValidUdpSize() throws Exception {
    ConfigSpec spec = new UdpOnrampProvider().configSpec();
    assertThat(validate(spec, "{\"host\":\"h\",\"port\":1,\"max_datagram_size\":0}").problems())
        .extracting(ConfigProblem::message)
        .containsExactly(
            "invalid value 0 for configuration max_datagram_size: value must be between 1 and"
                + " 65535");
    assertThat(validate(spec, "{\"host\":\"h\",\"port\":70000}").problems())
        .extracting(ConfigProblem::message)
        .containsExactly(
            "invalid value 70000 for configuration port: value must be between 0 and 65535");
  }

  @Test
  void theOfframpSendsJsonToHostAndPortFromAnyLocalPortByDefault() throws Exception {
    UdpOfframpProvider provider = new UdpOfframpProvider();
    assertThat(provider.defaultCodec()).isEqualTo("json");
    UdpOfframpSettings s = offramp("{\"host\":\"127.0.0.1\",\"port\":4242}");
    assertThat(s)
        .extracting(
            UdpOfframpSettings::host,
            UdpOfframpSettings::port,
            UdpOfframpSettings::bindHost,
            UdpOfframpSettings::bindPort,
            UdpOfframpSettings::bound)
        .containsExactly("127.0.0.1", 4242, "0.0.0.0", 0, true);
    assertThat(s.warnings()).isEmpty();
    assertThat(s.maxInFlight()).isEqualTo(1024);
  }

  @Test
  void bindIsARecordOfHostAndPort() throws Exception {
    UdpOfframpSettings s =
        offramp("{\"host\":\"h\",\"port\":1,\"bind\":{\"host\":\"127.0.0.1\",\"port\":9}}");
    assertThat(s.bindHost()).isEqualTo("127.0.0.1");
    assertThat(s.bindPort()).isEqualTo(9);
    assertThat(
            validate(
                    new UdpOfframpProvider().configSpec(),
                    "{\"host\":\"h\",\"port\":1,\"bind\":{\"hots\":\"x\"}}")
                .problems())
        .extracting(ConfigProblem::message)
        .singleElement()
        .asString()
        .contains("bind.hots");
  }

  @Test
  void dstPortAndDstHostMoveHostAndPortIntoBindAsInTremor() throws Exception {
    // udp_postprocessors of Tremor's suite: binds 127.0.0.1:4343, sends to 127.0.0.1:4242
    UdpOfframpSettings s =
        offramp(
            "{\"host\":\"127.0.0.1\",\"port\":4343,\"dst_host\":\"127.0.0.2\",\"dst_port\":4242,"
                + "\"bind\":{\"host\":\"10.0.0.1\",\"port\":7}}");
    assertThat(s)
        .extracting(
            UdpOfframpSettings::host,
            UdpOfframpSettings::port,
            UdpOfframpSettings::bindHost,
            UdpOfframpSettings::bindPort)
        .containsExactly("127.0.0.2", 4242, "127.0.0.1", 4343);
    assertThat(s.warnings())
        .containsExactly(
            "The `dst_port` setting of the UDP offramp is deprecated, this will in future be"
                + " `port` and current `port` will be `bind.port`.",
            "The `dst_host` setting of the UDP offramp is deprecated, this will in future be"
                + " `host` and current `host` will be `bind.host`.");
  }

  @Test
  void onlyTheDeprecatedKeysGivenMove() throws Exception {
    UdpOfframpSettings s = offramp("{\"host\":\"127.0.0.1\",\"port\":4343,\"dst_port\":4242}");
    assertThat(s)
        .extracting(
            UdpOfframpSettings::host,
            UdpOfframpSettings::port,
            UdpOfframpSettings::bindHost,
            UdpOfframpSettings::bindPort)
        .containsExactly("127.0.0.1", 4242, "0.0.0.0", 4343);
  }

  @Test
  void boundFalseIsWarnedAboutAsInTremor() throws Exception {
    UdpOfframpSettings s = offramp("{\"host\":\"h\",\"port\":1,\"bound\":false}");
    assertThat(s.bound()).isFalse();
    assertThat(s.warnings())
        .containsExactly(
            "The `bound` setting of the UDP offramp is deprecated, in future re-binding will"
                + " only work over the $udp metadata");
  }

  @Test
  void theOfframpNeedsHostAndPort() throws Exception {
    assertThat(validate(new UdpOfframpProvider().configSpec(), "{\"port\":1}").problems())
        .extracting(ConfigProblem::message)
        .containsExactly("missing required configuration \"host\" which has no default value");
  }
}
