package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.quiver.value.Json;
import org.junit.jupiter.api.Test;

class RequestMetaTest {
  private static RequestHead get(String target, String... headers) {
    HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
    for (int i = 0; i < headers.length; i += 2) {
      r.headers().add(headers[i], headers[i + 1]);
    }
    return new NettyHead(r);
  }

  @Test
  void shapeIsMethodHeadersUrlWithLowerCaseHeaderNamesAndValueLists() throws Exception {
    RequestHead r = get("/echo", "Host", "localhost:8139", "Accept", "*/*", "X-A", "1", "x-a", "2");

    assertThat(Json.write(RequestMeta.of(r, "http", "127.0.0.1:8139")))
        .isEqualTo(
            "{\"request\":{\"method\":\"GET\",\"headers\":{\"host\":[\"localhost:8139\"],"
                + "\"accept\":[\"*/*\"],\"x-a\":[\"1\",\"2\"]},"
                + "\"url\":{\"scheme\":\"http\",\"host\":\"localhost\",\"port\":8139,"
                + "\"path\":\"/echo\"}}}");
  }

  @Test
  void defaultPortIsLeftOutAndQueryAndFragmentKeptRaw() throws Exception {
    assertThat(
            Json.write(
                RequestMeta.url(get("/a%20b?x=1&y=%2F", "Host", "Example.COM:80"), "http", "l:1")))
        .isEqualTo(
            "{\"scheme\":\"http\",\"host\":\"example.com\",\"path\":\"/a%20b\",\"query\":\"x=1&y=%2F\"}");
    assertThat(Json.write(RequestMeta.url(get("/", "Host", "h:443"), "https", "l:1")))
        .isEqualTo("{\"scheme\":\"https\",\"host\":\"h\",\"path\":\"/\"}");
    assertThat(Json.write(RequestMeta.url(get("/?", "Host", "h"), "http", "l:1")))
        .isEqualTo("{\"scheme\":\"http\",\"host\":\"h\",\"path\":\"/\",\"query\":\"\"}");
  }

  @Test
  void absoluteFormGivesUserPasswordAndFragment() throws Exception {
    assertThat(Json.write(RequestMeta.url(get("http://u:p@h:8080/p?q#f"), "http", "l:1")))
        .isEqualTo(
            "{\"scheme\":\"http\",\"username\":\"u\",\"password\":\"p\",\"host\":\"h\","
                + "\"port\":8080,\"path\":\"/p\",\"query\":\"q\",\"fragment\":\"f\"}");
  }

  @Test
  void withoutHostTheLocalAddressIsUsedAndIpv6KeepsBrackets() throws Exception {
    assertThat(Json.write(RequestMeta.url(get("/x"), "http", "[::1]:9000")))
        .isEqualTo("{\"scheme\":\"http\",\"host\":\"[::1]\",\"port\":9000,\"path\":\"/x\"}");
  }

  @Test
  void aTargetThatIsNoUrlIsRefused() {
    assertThatThrownBy(() -> RequestMeta.url(get("/a{b}", "Host", "h"), "http", "l:1"))
        .isInstanceOf(RequestMeta.BadTarget.class)
        .hasMessageStartingWith("invalid request target /a{b}");
    assertThatThrownBy(() -> RequestMeta.url(get("/", "Host", "bad host"), "http", "l:1"))
        .isInstanceOf(RequestMeta.BadTarget.class);
  }
}
