package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestRecordsTest {
  private final RequestRecords records = new RequestRecords();

  private Http1Head head(String head) throws BadHead {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return Http1HeadParser.parse(b, b.length).keptBy(records);
  }

  private Value.Obj headersOf(String head) throws BadHead {
    return head(head).headerRecord();
  }

  private Value urlOf(String head) throws Exception {
    Http1Head h = head(head);
    Value.Obj meta = (Value.Obj) RequestMeta.of(h, "http", "127.0.0.1:80");
    return ((Value.Obj) meta.get("request")).get("url");
  }

  @Test
  void theSameHeaderLinesGiveTheSameRecordWhateverTheRequestLine() throws Exception {
    Value.Obj first = headersOf("GET /a HTTP/1.1\r\nHost: h:1\r\nAccept: */*\r\nx-a: 1\r\n\r\n");
    Value.Obj second =
        headersOf("POST /b?q HTTP/1.1\r\nHost: h:1\r\nAccept: */*\r\nx-a: 1\r\n\r\n");

    assertThat(second).isSameAs(first);
    assertThat(Json.write(second))
        .isEqualTo("{\"host\":[\"h:1\"],\"accept\":[\"*/*\"],\"x-a\":[\"1\"]}");
  }

  @Test
  void aChangedValueNameOrCountGivesANewRecordThatIsKeptFromThen() throws Exception {
    Value.Obj first = headersOf("GET / HTTP/1.1\r\nHost: h\r\nx-a: 1\r\n\r\n");
    Value.Obj value = headersOf("GET / HTTP/1.1\r\nHost: h\r\nx-a: 2\r\n\r\n");
    Value.Obj name = headersOf("GET / HTTP/1.1\r\nHost: h\r\nX-A: 2\r\n\r\n");
    Value.Obj more = headersOf("GET / HTTP/1.1\r\nHost: h\r\nX-A: 2\r\nx-a: 3\r\n\r\n");
    Value.Obj again = headersOf("GET / HTTP/1.1\r\nHost: h\r\nX-A: 2\r\nx-a: 3\r\n\r\n");

    assertThat(Json.write(first)).isEqualTo("{\"host\":[\"h\"],\"x-a\":[\"1\"]}");
    assertThat(value).isNotSameAs(first);
    assertThat(Json.write(value)).isEqualTo("{\"host\":[\"h\"],\"x-a\":[\"2\"]}");
    assertThat(name).isNotSameAs(value);
    assertThat(Json.write(name)).isEqualTo("{\"host\":[\"h\"],\"x-a\":[\"2\"]}");
    assertThat(Json.write(more)).isEqualTo("{\"host\":[\"h\"],\"x-a\":[\"2\",\"3\"]}");
    assertThat(again).isSameAs(more);
  }

  @Test
  void theUrlIsKeptForTheSameTargetAndHeaderLinesOnly() throws Exception {
    Value first = urlOf("GET /a?x=1 HTTP/1.1\r\nHost: h:8\r\n\r\n");
    Value same = urlOf("GET /a?x=1 HTTP/1.1\r\nHost: h:8\r\n\r\n");
    Value otherTarget = urlOf("GET /b HTTP/1.1\r\nHost: h:8\r\n\r\n");
    Value otherHost = urlOf("GET /b HTTP/1.1\r\nHost: g:9\r\n\r\n");
    Value noHost = urlOf("GET /b HTTP/1.1\r\n\r\n");

    assertThat(same).isSameAs(first);
    assertThat(Json.write(first))
        .isEqualTo(
            "{\"scheme\":\"http\",\"host\":\"h\",\"port\":8,\"path\":\"/a\",\"query\":\"x=1\"}");
    assertThat(Json.write(otherTarget))
        .isEqualTo("{\"scheme\":\"http\",\"host\":\"h\",\"port\":8,\"path\":\"/b\"}");
    assertThat(Json.write(otherHost))
        .isEqualTo("{\"scheme\":\"http\",\"host\":\"g\",\"port\":9,\"path\":\"/b\"}");
    assertThat(Json.write(noHost))
        .isEqualTo("{\"scheme\":\"http\",\"host\":\"127.0.0.1\",\"path\":\"/b\"}");
  }
}
