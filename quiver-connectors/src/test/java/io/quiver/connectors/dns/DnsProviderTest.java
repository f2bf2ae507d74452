package io.quiver.connectors.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.value.Json;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class DnsProviderTest {
  @Test
  void needsNoConfigAndHasTheNullCodec() throws Exception {
    DnsProvider provider = new DnsProvider();
    assertThat(provider.name()).isEqualTo("dns");
    assertThat(provider.defaultCodec()).isEqualTo("null");
    assertThat(provider.requiresConfig()).isFalse();
    assertThat(provider.configSpec().validate(null).ok()).isTrue();
  }

  @Test
  void serversMustBeAddressesWithOptionalPorts() throws Exception {
    var v =
        new DnsProvider()
            .configSpec()
            .validate(Json.parse("{\"servers\":[\"127.0.0.1:5353\",\"dns.google\",\"[::1]:53\"]}"));
    assertThat(v.problems())
        .extracting(ConfigProblem::message)
        .singleElement()
        .asString()
        .contains("not an IP address with an optional port: dns.google");
  }

  @Test
  void lookupErrorsAreWordedAsTremorsResolverWordsThem() {
    assertThat(LookupErrors.text("a.test", DnsRecordType.AAAA, null))
        .isEqualTo("no record found for name: a.test. type: AAAA class: IN");
    assertThat(LookupErrors.text("a.test.", DnsRecordType.A, new UnknownHostException("x")))
        .isEqualTo("no record found for name: a.test. type: A class: IN");
    assertThat(
            LookupErrors.text(
                "a.test",
                DnsRecordType.A,
                new DnsNameResolverTimeoutException(
                    new InetSocketAddress("127.0.0.1", 53),
                    new io.netty.handler.codec.dns.DefaultDnsQuestion("a.test", DnsRecordType.A),
                    "timeout")))
        .isEqualTo("request timed out");
    assertThat(LookupErrors.text("a.test", DnsRecordType.A, new IllegalStateException("boom")))
        .isEqualTo("boom");
  }
}
