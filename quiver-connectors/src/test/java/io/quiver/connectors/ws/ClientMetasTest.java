package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientMetasTest {
  private static HttpHeaders headers(String... namesAndValues) {
    HttpHeaders headers = new DefaultHttpHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  private static Value ws(ClientMetas.ClientMeta meta, boolean binary) {
    return ((Value.Obj) meta.of(binary)).get("ws");
  }

  @Test
  void clientsWithEqualHandshakesShareOneRecord() {
    ClientMetas metas = new ClientMetas(List.of("x-user"));
    ClientMetas.ClientMeta first = metas.of("/chat", headers("x-user", "ann"), null);
    ClientMetas.ClientMeta second =
        metas.of("/chat", headers("x-user", "ann", "x-other", "1"), null);
    assertThat(second).isSameAs(first);
    assertThat(metas.sharedCount()).isEqualTo(1);
  }

  @Test
  void theRecordsCarryTheBinaryFlagPathQueryForwardedHeadersAndSubprotocol() {
    ClientMetas metas = new ClientMetas(List.of("x-user", "x-absent"));
    ClientMetas.ClientMeta meta = metas.of("/chat?room=1", headers("X-User", "ann"), "v1.proto");
    assertThat(((Value.Obj) meta.of(false)).get("binary")).isEqualTo(Value.FALSE);
    assertThat(((Value.Obj) meta.of(true)).get("binary")).isEqualTo(Value.TRUE);
    assertThat(ws(meta, false))
        .isEqualTo(
            Value.obj(
                "path", Value.of("/chat"),
                "query", Value.of("room=1"),
                "headers", Value.obj("x-user", Value.of("ann")),
                "subprotocol", Value.of("v1.proto")));
    assertThat(ws(meta, true)).isSameAs(ws(meta, false));
  }

  @Test
  void withoutForwardedHeadersThereIsNoHeadersRecord() {
    ClientMetas metas = new ClientMetas(List.of());
    assertThat(ws(metas.of("/", headers("x-user", "ann"), null), false))
        .isEqualTo(Value.obj("path", Value.of("/")));
  }

  @Test
  void handshakesThatDifferInPathHeaderValueOrSubprotocolDoNotShare() {
    ClientMetas metas = new ClientMetas(List.of("x-user"));
    ClientMetas.ClientMeta base = metas.of("/a", headers("x-user", "ann"), null);
    assertThat(metas.of("/b", headers("x-user", "ann"), null)).isNotSameAs(base);
    assertThat(metas.of("/a", headers("x-user", "bob"), null)).isNotSameAs(base);
    assertThat(metas.of("/a", headers(), null)).isNotSameAs(base);
    assertThat(metas.of("/a", headers("x-user", "ann"), "p")).isNotSameAs(base);
    assertThat(metas.sharedCount()).isEqualTo(5);
  }

  @Test
  void atMostMaxSharedDistinctHandshakesAreKeptAndLaterOnesStillGetTheirRecords() {
    ClientMetas metas = new ClientMetas(List.of());
    for (int i = 0; i < ClientMetas.MAX_SHARED + 50; i++) {
      metas.of("/?token=" + i, headers(), null);
    }
    assertThat(metas.sharedCount()).isEqualTo(ClientMetas.MAX_SHARED);
    ClientMetas.ClientMeta late = metas.of("/?token=late", headers(), null);
    assertThat(metas.of("/?token=late", headers(), null)).isNotSameAs(late).isEqualTo(late);
    assertThat(ws(late, false))
        .isEqualTo(Value.obj("path", Value.of("/"), "query", Value.of("token=late")));
  }
}
