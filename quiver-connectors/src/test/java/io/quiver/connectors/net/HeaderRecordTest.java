package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class HeaderRecordTest {
  @Test
  void namesInLowerCaseEachWithItsValuesInArrivalOrder() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.add("Content-Type", "text/plain");
    h.add("X-Multi", "1");
    h.add(HttpHeaderNames.HOST, "example.com");
    h.add("x-multi", "2");
    h.add("X-MULTI", "3");
    Value.Obj record = HeaderRecord.of(h);
    assertThat(Json.write(record))
        .isEqualTo(
            "{\"content-type\":[\"text/plain\"],\"x-multi\":[\"1\",\"2\",\"3\"],"
                + "\"host\":[\"example.com\"]}");
    assertThat(HeaderRecord.first(record, "x-multi")).isEqualTo("1");
    assertThat(HeaderRecord.first(record, "content-type")).isEqualTo("text/plain");
  }

  @Test
  void noHeadersIsAnEmptyRecordAndAMissingNameNull() {
    Value.Obj record = HeaderRecord.of(new DefaultHttpHeaders());
    assertThat(record.size()).isZero();
    assertThat(HeaderRecord.first(record, "content-type")).isNull();
  }

  @Test
  void firstIsNullForAnEmptyListOrANonString() {
    Value.Obj record =
        Value.obj("a", Value.array(), "b", Value.array(Value.of(1)), "c", Value.of("plain"));
    assertThat(HeaderRecord.first(record, "a")).isNull();
    assertThat(HeaderRecord.first(record, "b")).isNull();
    assertThat(HeaderRecord.first(record, "c")).isNull();
  }

  @Test
  void lowerCaseKeepsNettysConstantsAndLowersTheRest() {
    assertThat(HeaderRecord.lowerCase(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("content-type");
    assertThat(HeaderRecord.lowerCase(io.netty.util.AsciiString.of("X-Ab"))).isEqualTo("x-ab");
    assertThat(HeaderRecord.lowerCase("Server")).isEqualTo("server");
  }
}
