package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {
  private static Value.Arr values(String... v) {
    List<Value> out = new ArrayList<>();
    for (String s : v) {
      out.add(Value.of(s));
    }
    return new Value.Arr(out);
  }

  private static List<String> lines(RequestHeaders h) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      out.add(h.key(i) + "/" + h.name(i) + "=" + Json.write(h.values(i)));
    }
    return out;
  }

  @Test
  void aNameSetAgainIsReplacedInItsPlaceAsALinkedHashMapWould() {
    RequestHeaders h = new RequestHeaders();
    h.put("x-a", "X-A", values("1"));
    h.put("accept", "Accept", values("*/*"));
    h.put("x-a", "x-a", values("2", "3"));
    h.putIfAbsent("accept", "accept", values("text/plain"));
    h.putIfAbsent("content-type", "content-type", values("application/octet-stream"));

    assertThat(lines(h))
        .containsExactly(
            "x-a/x-a=[\"2\",\"3\"]",
            "accept/Accept=[\"*/*\"]",
            "content-type/content-type=[\"application/octet-stream\"]");
    assertThat(h.contains("accept")).isTrue();
    assertThat(h.contains("Accept")).isFalse();
    assertThat(h.indexOf("content-type")).isEqualTo(2);
    assertThat(Json.write(h.record()))
        .isEqualTo(
            "{\"x-a\":[\"2\",\"3\"],\"accept\":[\"*/*\"],"
                + "\"content-type\":[\"application/octet-stream\"]}");
  }

  @Test
  void manyHeadersAreFoundThroughTheIndexInTheSameOrder() {
    RequestHeaders h = new RequestHeaders();
    int n = RequestHeaders.LINEAR * 3;
    for (int i = 0; i < n; i++) {
      h.put("h" + i, "H" + i, values(String.valueOf(i)));
    }
    h.put("h3", "h3", values("again"));
    h.put("h" + (n - 1), "last", values("again"));

    assertThat(h.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(h.indexOf("h" + i)).isEqualTo(i);
      assertThat(h.key(i)).isEqualTo("h" + i);
    }
    assertThat(h.name(3)).isEqualTo("h3");
    assertThat(Json.write(h.values(3))).isEqualTo("[\"again\"]");
    assertThat(h.name(n - 1)).isEqualTo("last");
    assertThat(h.indexOf("absent")).isEqualTo(-1);
    assertThat(((Value.Obj) h.record()).size()).isEqualTo(n);
  }

  @Test
  void emptyRecord() {
    assertThat(Json.write(new RequestHeaders().record())).isEqualTo("{}");
  }
}
