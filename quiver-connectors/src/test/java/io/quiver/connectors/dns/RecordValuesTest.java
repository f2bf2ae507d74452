package io.quiver.connectors.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsPtrRecord;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RecordValuesTest {
  private static String of(DnsRecordType type, byte[] data) {
    Value v =
        RecordValues.of(new DefaultDnsRawRecord("x.test.", type, 5, Unpooled.wrappedBuffer(data)));
    return v == null ? null : Json.write(v);
  }

  @Test
  void addressesNamesAndStructuredRecordsAreWordedAsTremorsResolverPrintsThem() {
    assertThat(of(DnsRecordType.A, LocalDnsServer.ipv4(10, 0, 0, 1)))
        .isEqualTo("{\"A\":\"10.0.0.1\",\"ttl\":5}");
    assertThat(of(DnsRecordType.NS, LocalDnsServer.name("ns1.x.test")))
        .isEqualTo("{\"NS\":\"ns1.x.test.\",\"ttl\":5}");
    assertThat(of(DnsRecordType.MX, LocalDnsServer.mx(5, "mx.x.test")))
        .isEqualTo("{\"MX\":\"5 mx.x.test.\",\"ttl\":5}");
    byte[] srv =
        Unpooled.buffer()
            .writeShort(1)
            .writeShort(2)
            .writeShort(5060)
            .writeBytes(LocalDnsServer.name("sip.x.test"))
            .array();
    assertThat(of(DnsRecordType.SRV, java.util.Arrays.copyOf(srv, 6 + 12)))
        .isEqualTo("{\"SRV\":\"1 2 5060 sip.x.test.\",\"ttl\":5}");
    assertThat(of(DnsRecordType.TXT, LocalDnsServer.txt("a", "b c")))
        .isEqualTo("{\"TXT\":\"ab c\",\"ttl\":5}");
  }

  @Test
  void soaListsItsFieldsInOrder() {
    byte[] names = concat(LocalDnsServer.name("ns.x.test"), LocalDnsServer.name("admin.x.test"));
    byte[] numbers =
        Unpooled.buffer()
            .writeInt(2024)
            .writeInt(7200)
            .writeInt(3600)
            .writeInt(1209600)
            .writeInt(300)
            .array();
    assertThat(of(DnsRecordType.SOA, concat(names, java.util.Arrays.copyOf(numbers, 20))))
        .isEqualTo("{\"SOA\":\"ns.x.test. admin.x.test. 2024 7200 3600 1209600 300\",\"ttl\":5}");
  }

  @Test
  void ptrRecordsComeDecodedAndOthersAsHex() {
    assertThat(
            Json.write(
                RecordValues.of(
                    new DefaultDnsPtrRecord("1.0.0.10.in-addr.arpa.", 0, 9, "host.x.test."))))
        .isEqualTo("{\"PTR\":\"host.x.test.\",\"ttl\":9}");
    assertThat(of(DnsRecordType.TLSA, new byte[] {3, 1, 1, (byte) 0xab}))
        .isEqualTo("{\"TLSA\":\"030101ab\",\"ttl\":5}");
  }

  @Test
  void optZeroUnknownAndMalformedRecordsAreLeftOut() {
    assertThat(of(DnsRecordType.OPT, new byte[0])).isNull();
    assertThat(of(DnsRecordType.valueOf(0), new byte[0])).isNull();
    assertThat(of(DnsRecordType.DNAME, LocalDnsServer.name("y.test"))).isNull();
    assertThat(of(DnsRecordType.A, new byte[] {1, 2})).isNull();
  }

  @Test
  void hostsFileAddressesGetTheirTypeAndTheGivenTtl() throws Exception {
    assertThat(Json.write(RecordValues.ofAddress(InetAddress.getByName("::1"), 86400)))
        .isEqualTo("{\"AAAA\":\"::1\",\"ttl\":86400}");
    assertThat(Json.write(RecordValues.ofAddress(InetAddress.getByName("127.0.0.1"), 1)))
        .isEqualTo("{\"A\":\"127.0.0.1\",\"ttl\":1}");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
