package io.quiver.connectors.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.dns.DnsRecordType;
import io.quiver.connectors.net.NameResolution;
import io.quiver.spi.Ports;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dns offramp against a DNS server of the test's own on 127.0.0.1 (nothing else is asked):
 * records of each kind on {@code out}, failures on {@code err}, in Tremor's shapes.
 */
class DnsIT {
  private LocalDnsServer server;
  private DnsSink sink;
  private final DnsTestContext context = new DnsTestContext();

  @BeforeEach
  void start() throws Exception {
    server =
        LocalDnsServer.start()
            .add("www.quiver.test", DnsRecordType.A, 300, LocalDnsServer.ipv4(192, 0, 2, 7))
            .add("www.quiver.test", DnsRecordType.A, 300, LocalDnsServer.ipv4(192, 0, 2, 8))
            .add(
                "v6.quiver.test",
                DnsRecordType.AAAA,
                60,
                new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
            .add("quiver.test", DnsRecordType.MX, 3600, LocalDnsServer.mx(10, "mail.quiver.test"))
            .add("quiver.test", DnsRecordType.TXT, 120, LocalDnsServer.txt("v=spf1", " -all"))
            .add(
                "alias.quiver.test",
                DnsRecordType.CNAME,
                30,
                LocalDnsServer.name("www.quiver.test"));
    sink = new DnsSink(context.artefact(), List.of(NameResolution.server(server.address())), 1024);
    sink.start(context);
  }

  @AfterEach
  void stop() {
    sink.stop();
    server.close();
  }

  private static Event request(long n, String json, Value meta) throws Exception {
    return new Event(new EventId(1, 0, n), 42, Json.parse(json), meta, 3);
  }

  private DnsTestContext.Emitted ask(String json) throws Exception {
    sink.onEvent(request(0, json, Value.EMPTY_OBJECT));
    return context.next();
  }

  @Test
  void aTypedALookupGivesEveryRecordWithItsTtl() throws Exception {
    DnsTestContext.Emitted e = ask("{\"lookup\":{\"name\":\"www.quiver.test\",\"type\":\"A\"}}");
    assertThat(e.port()).isEqualTo(Ports.OUT);
    assertThat(Json.write(e.event().data()))
        .isEqualTo("[{\"A\":\"192.0.2.7\",\"ttl\":300},{\"A\":\"192.0.2.8\",\"ttl\":300}]");
    assertThat(e.event().id()).isEqualTo(new EventId(1, 0, 0));
    assertThat(e.event().stream()).isEqualTo(3);
  }

  @Test
  void anAddressLookupOfANameWithOnlyAaaaRecordsFallsBackToThem() throws Exception {
    DnsTestContext.Emitted e = ask("{\"lookup\":\"v6.quiver.test\"}");
    assertThat(e.port()).isEqualTo(Ports.OUT);
    assertThat(Json.write(e.event().data())).isEqualTo("[{\"AAAA\":\"2001:db8::1\",\"ttl\":60}]");
  }

  @Test
  void anAddressLookupAsksForARecordsFirst() throws Exception {
    DnsTestContext.Emitted e = ask("{\"lookup\":{\"name\":\"www.quiver.test\"}}");
    assertThat(Json.write(e.event().data()))
        .isEqualTo("[{\"A\":\"192.0.2.7\",\"ttl\":300},{\"A\":\"192.0.2.8\",\"ttl\":300}]");
  }

  @Test
  void typedAaaaMxTxtAndCnameLookups() throws Exception {
    assertThat(
            Json.write(
                ask("{\"lookup\":{\"name\":\"v6.quiver.test\",\"type\":\"AAAA\"}}").event().data()))
        .isEqualTo("[{\"AAAA\":\"2001:db8::1\",\"ttl\":60}]");
    assertThat(
            Json.write(
                ask("{\"lookup\":{\"name\":\"quiver.test\",\"type\":\"MX\"}}").event().data()))
        .isEqualTo("[{\"MX\":\"10 mail.quiver.test.\",\"ttl\":3600}]");
    assertThat(
            Json.write(
                ask("{\"lookup\":{\"name\":\"quiver.test\",\"type\":\"TXT\"}}").event().data()))
        .isEqualTo("[{\"TXT\":\"v=spf1 -all\",\"ttl\":120}]");
    assertThat(
            Json.write(
                ask("{\"lookup\":{\"name\":\"alias.quiver.test\",\"type\":\"CNAME\"}}")
                    .event()
                    .data()))
        .isEqualTo("[{\"CNAME\":\"www.quiver.test.\",\"ttl\":30}]");
  }

  @Test
  void anUnknownNameIsAnErrorOnErrWithTheRequestAndItsCorrelation() throws Exception {
    Value meta = Value.obj("correlation", Value.of("c-1"));
    sink.onEvent(request(5, "{\"lookup\":{\"name\":\"nope.quiver.test\",\"type\":\"A\"}}", meta));
    DnsTestContext.Emitted e = context.next();
    assertThat(e.port()).isEqualTo(Ports.ERR);
    assertThat(Json.write(e.event().data()))
        .isEqualTo(
            "{\"event\":{\"lookup\":{\"name\":\"nope.quiver.test\",\"type\":\"A\"}},"
                + "\"error\":\"no record found for name: nope.quiver.test. type: A class: IN\"}");
    assertThat(Json.write(e.event().meta())).isEqualTo("{\"correlation\":\"c-1\"}");
    assertThat(e.event().id()).isEqualTo(new EventId(1, 0, 5));
  }

  @Test
  void anAddressLookupOfAnUnknownNameIsAnError() throws Exception {
    DnsTestContext.Emitted e = ask("{\"lookup\":\"nope.quiver.test\"}");
    assertThat(e.port()).isEqualTo(Ports.ERR);
    assertThat(e.event().data().toString()).contains("no record found for name: nope.quiver.test.");
  }

  @Test
  void aReplyCarriesTheCorrelationOfItsRequest() throws Exception {
    sink.onEvent(
        request(
            1,
            "{\"lookup\":{\"name\":\"www.quiver.test\",\"type\":\"A\"}}",
            Value.obj("correlation", Value.of(7))));
    DnsTestContext.Emitted e = context.next();
    assertThat(e.port()).isEqualTo(Ports.OUT);
    assertThat(Json.write(e.event().meta())).isEqualTo("{\"correlation\":7}");
  }

  @Test
  void badRequestsAreAnsweredOnErrWithoutAQuery() throws Exception {
    int before = server.queries.get();
    assertThat(Json.write(ask("{\"name\":\"x\"}").event().data()))
        .isEqualTo("{\"event\":{\"name\":\"x\"},\"error\":\"Invalid DNS request\"}");
    assertThat(ask("{\"lookup\":{\"type\":\"A\"}}").event().data().toString())
        .contains("Invaliud DNS request");
    assertThat(ask("{\"lookup\":{\"name\":\"x\",\"type\":\"BOGUS\"}}").event().data().toString())
        .contains("Invalid or unsupported record type: BOGUS");
    assertThat(server.queries.get()).isEqualTo(before);
  }

  @Test
  void eveyEntryOfABatchIsOneLookup() throws Exception {
    String entry =
        "{\"data\":{\"value\":{\"lookup\":{\"name\":\"www.quiver.test\",\"type\":\"A\"}},"
            + "\"meta\":{\"correlation\":%d}}}";
    Value batch = Json.parse("[" + entry.formatted(1) + "," + entry.formatted(2) + "]");
    Event event =
        new Event(
            new EventId(1, 0, 9),
            0,
            batch,
            Value.EMPTY_OBJECT,
            0,
            io.quiver.value.Transit.NONE.withBatch(true));
    sink.onEvent(event);
    List<String> correlations =
        List.of(context.next(), context.next()).stream()
            .map(e -> Json.write(e.event().meta()))
            .sorted()
            .toList();
    assertThat(correlations).containsExactly("{\"correlation\":1}", "{\"correlation\":2}");
  }

  @Test
  void theHostsFileAnswersAddressLookupsFirst() throws Exception {
    int before = server.queries.get();
    DnsTestContext.Emitted e = ask("{\"lookup\":\"localhost\"}");
    assertThat(e.port()).isEqualTo(Ports.OUT);
    assertThat(Json.write(e.event().data())).contains("\"ttl\":86400");
    assertThat(server.queries.get()).isEqualTo(before);
  }
}
