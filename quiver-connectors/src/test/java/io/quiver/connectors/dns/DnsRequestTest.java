package io.quiver.connectors.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.dns.DnsRecordType;
import io.quiver.value.Json;
import org.junit.jupiter.api.Test;

class DnsRequestTest {
  private static DnsRequest of(String json) throws Exception {
    return DnsRequest.of(Json.parse(json));
  }

  @Test
  void aStringLookupAsksForAddresses() throws Exception {
    assertThat(of("{\"lookup\":\"tremor.rs\"}"))
        .isEqualTo(new DnsRequest.Lookup("tremor.rs", null));
  }

  @Test
  void aRecordLookupNamesTheTypeOrAsksForAddresses() throws Exception {
    assertThat(of("{\"lookup\":{\"name\":\"tremor.rs\",\"type\":\"MX\"}}"))
        .isEqualTo(new DnsRequest.Lookup("tremor.rs", DnsRecordType.MX));
    assertThat(of("{\"lookup\":{\"name\":\"tremor.rs\"}}"))
        .isEqualTo(new DnsRequest.Lookup("tremor.rs", null));
    // a type that is not a string is ignored, as in Tremor
    assertThat(of("{\"lookup\":{\"name\":\"tremor.rs\",\"type\":1}}"))
        .isEqualTo(new DnsRequest.Lookup("tremor.rs", null));
  }

  @Test
  void everyTypeNameOfTremorIsKnownAndCaseMatters() throws Exception {
    for (String t :
        new String[] {
          "A", "AAAA", "ANAME", "ANY", "AXFR", "CAA", "CNAME", "HINFO", "HTTPS", "IXFR", "MX",
          "NAPTR", "NS", "NULL", "OPENPGPKEY", "OPT", "PTR", "SOA", "SRV", "SSHFP", "SVCB", "TLSA",
          "TXT", "ZERO"
        }) {
      assertThat(RecordTypes.named(t)).as(t).isNotNull();
      assertThat(RecordTypes.nameOf(RecordTypes.named(t))).isEqualTo(t);
    }
    assertThat(of("{\"lookup\":{\"name\":\"x\",\"type\":\"mx\"}}"))
        .isEqualTo(new DnsRequest.Invalid("Invalid or unsupported record type: mx"));
  }

  @Test
  void malformedRequestsGetTremorsTexts() throws Exception {
    assertThat(of("{\"name\":\"x\"}")).isEqualTo(new DnsRequest.Invalid("Invalid DNS request"));
    assertThat(of("\"x\"")).isEqualTo(new DnsRequest.Invalid("Invalid DNS request"));
    assertThat(of("{\"lookup\":7}")).isEqualTo(new DnsRequest.Invalid("Invaliud DNS request"));
    assertThat(of("{\"lookup\":{\"type\":\"A\"}}"))
        .isEqualTo(new DnsRequest.Invalid("Invaliud DNS request"));
  }
}
