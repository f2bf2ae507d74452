package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseRecordsTest {
  private final ResponseRecords records = new ResponseRecords();

  /** The record of the header lines of {@code lines} ("Name: value" each, CRLF-terminated). */
  private Value.Obj record(String lines) {
    byte[] b = lines.getBytes(StandardCharsets.ISO_8859_1);
    int[] ranges = new int[64];
    int count = 0;
    int at = 0;
    while (at < b.length) {
      int end = lines.indexOf("\r\n", at);
      int colon = lines.indexOf(':', at);
      ranges[count * 4] = at;
      ranges[count * 4 + 1] = colon;
      ranges[count * 4 + 2] = colon + 2;
      ranges[count * 4 + 3] = end;
      count++;
      at = end + 2;
    }
    return records.of(b, ranges, count);
  }

  @Test
  void namesAreLowerCaseAndRepeatedNamesGatherTheirValuesInOrder() {
    Value.Obj r = record("Server: nginx\r\nX-Odd: 1\r\nSET-COOKIE: a\r\nx-odd: 2\r\n");
    assertThat(Json.write(r))
        .isEqualTo("{\"server\":[\"nginx\"],\"x-odd\":[\"1\",\"2\"],\"set-cookie\":[\"a\"]}");
  }

  @Test
  void anEqualHeadGivesTheSameRecordAndAChangedLineOnlyChangesThatValue() {
    Value.Obj first = record("Server: nginx\r\nDate: one\r\n");
    Value.Obj again = record("Server: nginx\r\nDate: one\r\n");
    assertThat(again).isSameAs(first);
    Value.Obj changed = record("Server: nginx\r\nDate: two\r\n");
    assertThat(changed).isNotSameAs(first);
    assertThat(Json.write(changed)).isEqualTo("{\"server\":[\"nginx\"],\"date\":[\"two\"]}");
    assertThat(changed.get("server")).isSameAs(first.get("server"));
    assertThat(Json.write(first)).isEqualTo("{\"server\":[\"nginx\"],\"date\":[\"one\"]}");
    Value.Obj fewer = record("Server: nginx\r\n");
    assertThat(Json.write(fewer)).isEqualTo("{\"server\":[\"nginx\"]}");
    assertThat(Json.write(record(""))).isEqualTo("{}");
    assertThat(Json.write(record("Server: apache\r\nDate: two\r\n")))
        .isEqualTo("{\"server\":[\"apache\"],\"date\":[\"two\"]}");
  }
}
