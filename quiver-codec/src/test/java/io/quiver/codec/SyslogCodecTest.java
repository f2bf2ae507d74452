package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogCodecTest {
  /** "Now" for RFC 3164 times without a year: 2021-06-01. */
  private final SyslogCodec codec =
      new SyslogCodec(Clock.fixed(Instant.parse("2021-06-01T00:00:00Z"), ZoneOffset.UTC));

  private String decode(String line) throws Exception {
    return Json.write(codec.decode(line.getBytes(StandardCharsets.UTF_8), 0).orElseThrow());
  }

  private String encode(String json) throws Exception {
    return new String(codec.encode(Json.parse(json)), StandardCharsets.UTF_8);
  }

  @Test
  void rfc5424WithStructuredData() throws Exception {
    String line =
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\""
            + " eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] An application"
            + " event log entry...";
    assertThat(decode(line))
        .isEqualTo(
            "{\"hostname\":\"mymachine.example.com\",\"severity\":\"notice\",\"facility\":\"local4\","
                + "\"timestamp\":1065910455003000000,\"protocol\":\"RFC5424\",\"protocol_version\":1,"
                + "\"appname\":\"evntslog\",\"msgid\":\"ID47\",\"structured_data\":{\"exampleSDID@32473\":"
                + "[{\"iut\":\"3\"},{\"eventSource\":\"Application\"},{\"eventID\":\"1011\"}],"
                + "\"examplePriority@32473\":[{\"class\":\"high\"}]},\"procid\":null,"
                + "\"msg\":\"An application event log entry...\"}");
    byte[] encoded =
        codec.encode(codec.decode(line.getBytes(StandardCharsets.UTF_8), 0).orElseThrow());
    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .isEqualTo(
            "<165>1 2003-10-11T22:14:15.003+00:00 mymachine.example.com evntslog - ID47 [exampleSDID@32473"
                + " iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] An"
                + " application event log entry...");
    assertThat(codec.decode(encoded, 0))
        .isEqualTo(codec.decode(line.getBytes(StandardCharsets.UTF_8), 0));
  }

  @Test
  void rfc5424WithNilFieldsAndOffsets() throws Exception {
    assertThat(decode("<191>1 2021-03-18T20:30:00.123+01:00 - - - - - message"))
        .isEqualTo(
            "{\"hostname\":null,\"severity\":\"debug\",\"facility\":\"local7\",\"timestamp\":1616095800123000000,"
                + "\"protocol\":\"RFC5424\",\"protocol_version\":1,\"appname\":null,\"msgid\":null,"
                + "\"structured_data\":null,\"procid\":null,\"msg\":\"message\"}");
    // a malformed element is dropped, the message stays; numeric procids are canonical
    assertThat(decode("<13>1 2021-03-18T20:30:00Z host app:x 0042 - [broken x] text"))
        .isEqualTo(
            "{\"hostname\":\"host\",\"severity\":\"notice\",\"facility\":\"user\",\"timestamp\":1616099400000000000,"
                + "\"protocol\":\"RFC5424\",\"protocol_version\":1,\"appname\":\"app:x\",\"msgid\":null,"
                + "\"structured_data\":null,\"procid\":\"42\",\"msg\":\"text\"}");
  }

  @Test
  void rfc3164() throws Exception {
    assertThat(decode("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed on /dev/pts/8"))
        .isEqualTo(
            "{\"hostname\":\"mymachine\",\"severity\":\"crit\",\"facility\":\"auth\",\"timestamp\":1633990455000000000,"
                + "\"protocol\":\"RFC3164\",\"protocol_version\":null,\"appname\":\"su\",\"msgid\":null,"
                + "\"structured_data\":null,\"procid\":\"123\",\"msg\":\"'su root' failed on /dev/pts/8\"}");
    assertThat(decode("<46>Jan  5 15:33:03 laptop rsyslogd:  [origin software=\"rsyslogd\"] start"))
        .isEqualTo(
            "{\"hostname\":\"laptop\",\"severity\":\"info\",\"facility\":\"syslog\",\"timestamp\":1609860783000000000,"
                + "\"protocol\":\"RFC3164\",\"protocol_version\":null,\"appname\":\"rsyslogd\",\"msgid\":null,"
                + "\"structured_data\":{\"origin\":[{\"software\":\"rsyslogd\"}]},\"procid\":null,\"msg\":\"start\"}");
    assertThat(decode("<13>Feb 29 2020 01:02:03 host app: x"))
        .contains("\"timestamp\":1582938123000000000")
        .contains("\"msg\":\"x\"");
  }

  @Test
  void aDecemberMessageReadInJanuaryIsFromLastYear() throws Exception {
    SyslogCodec january =
        new SyslogCodec(Clock.fixed(Instant.parse("2022-01-02T00:00:00Z"), ZoneOffset.UTC));
    Value v =
        january
            .decode("<13>Dec 31 23:59:59 h a: m".getBytes(StandardCharsets.UTF_8), 0)
            .orElseThrow();
    assertThat(((Value.Obj) v).get("timestamp")).isEqualTo(Value.of(1640995199000000000L));
  }

  @Test
  void anythingElseIsTheMessageOfAnEmptyRfc3164Record() throws Exception {
    assertThat(decode("  not syslog at all "))
        .isEqualTo(
            "{\"hostname\":null,\"severity\":null,\"facility\":null,\"timestamp\":null,\"protocol\":\"RFC3164\","
                + "\"protocol_version\":null,\"appname\":null,\"msgid\":null,\"structured_data\":null,\"procid\":null,"
                + "\"msg\":\"  not syslog at all \"}");
    assertThatThrownBy(() -> codec.decode(new byte[] {'<', (byte) 0xff}, 0))
        .hasMessage("invalid utf-8 sequence of 1 bytes from index 1");
  }

  @Test
  void encodesAsTremor() throws Exception {
    assertThat(
            encode(
                "{\"severity\":\"notice\",\"facility\":\"local4\",\"msg\":\"test message\",\"protocol\":\"RFC5424\",\"protocol_version\":1}"))
        .isEqualTo("<165>1 - - - - - - test message");
    assertThat(
            encode(
                "{\"severity\":\"notice\",\"facility\":\"local4\",\"msg\":\"test message\",\"protocol\":\"RFC3164\"}"))
        .isEqualTo("<165> - - : test message");
    assertThat(
            encode(
                "{\"severity\":\"err\",\"facility\":\"kern\",\"protocol\":\"RFC3164\",\"appname\":\"a\",\"procid\":\"7\","
                    + "\"hostname\":\"h\",\"timestamp\":1000000001,\"msg\":\"m\"}"))
        .isEqualTo("<3> 1970-01-01T00:00:01.000000001+00:00 h a[7]: m");
    assertThat(encode("{\"severity\":\"err\",\"facility\":\"kern\"}"))
        .isEqualTo("<3>1 - - - - - -");
  }

  @Test
  void encodeErrorsAsTremor() {
    assertThatThrownBy(() -> encode("{}"))
        .hasMessage("Invalid Syslog Protocol data: facility missing");
    assertThatThrownBy(() -> encode("{\"facility\":\"cron\"}"))
        .hasMessage("Invalid Syslog Protocol data: severity missing");
    assertThatThrownBy(
            () ->
                encode("{\"facility\":\"cron\",\"severity\":\"info\",\"structured_data\":\"sd\"}"))
        .hasMessage(
            "Invalid Syslog Protocol data: Invalid structured data: structured data not an object");
    assertThatThrownBy(
            () ->
                encode(
                    "{\"facility\":\"cron\",\"severity\":\"info\",\"structured_data\":{\"a\":1}}"))
        .hasMessage(
            "Invalid Syslog Protocol data: Invalid structured data: params not an array of objects");
    assertThatThrownBy(
            () ->
                encode(
                    "{\"facility\":\"cron\",\"severity\":\"info\",\"structured_data\":{\"a\":[1]}}"))
        .hasMessage(
            "Invalid Syslog Protocol data: Invalid structured data: param's key value pair not an object");
    assertThatThrownBy(
            () ->
                encode(
                    "{\"facility\":\"cron\",\"severity\":\"info\",\"structured_data\":{\"a\":[{\"k\":1}]}}"))
        .hasMessage(
            "Invalid Syslog Protocol data: Invalid structured data: param value not a string");
    assertThatThrownBy(() -> encode("{\"facility\":\"nope\",\"severity\":\"info\"}"))
        .hasMessage("Invalid Syslog Protocol data: invalid facility");
    assertThatThrownBy(() -> encode("{\"facility\":\"cron\",\"severity\":\"nope\"}"))
        .hasMessage("Invalid Syslog Protocol data: invalid severity");
    assertThatThrownBy(() -> encode("{\"protocol\":\"RFC5424\"}"))
        .hasMessage("Invalid Syslog Protocol data: Missing protocol version");
    assertThatThrownBy(() -> encode("{\"protocol_version\":1}"))
        .hasMessage("Invalid Syslog Protocol data: Missing protocol type");
    assertThatThrownBy(() -> encode("{\"protocol\":\"RFC9999\"}"))
        .hasMessage("Invalid Syslog Protocol data: invalid protocol type");
  }

  @Test
  void rfc3339Times() {
    assertThat(Rfc3339.parse("1985-04-12T23:20:50.52Z")).isEqualTo(482196050520000000L);
    assertThat(Rfc3339.parse("1985-04-12T23:20:50.52-07:00")).isEqualTo(482221250520000000L);
    assertThat(Rfc3339.parse("1985-04-12t23:20:50.123456789123z")).isEqualTo(482196050123456789L);
    assertThat(Rfc3339.parse("1985-04-12T23:20:50")).isNull();
    assertThat(Rfc3339.parse("1985-02-30T23:20:50Z")).isNull();
    assertThat(Rfc3339.parse("1985-04-12T23:20:50+0700")).isNull();
    assertThat(Rfc3339.format(482196050520000000L)).isEqualTo("1985-04-12T23:20:50.520+00:00");
    assertThat(Rfc3339.format(0)).isEqualTo("1970-01-01T00:00:00+00:00");
    assertThat(Rfc3339.format(1_500)).isEqualTo("1970-01-01T00:00:00.000001500+00:00");
  }
}
