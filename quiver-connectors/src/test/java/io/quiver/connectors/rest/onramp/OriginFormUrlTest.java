package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginFormUrlTest {
  private static final List<String> AUTHORITIES =
      List.of(
          "localhost",
          "localhost:8139",
          "Example.COM:80",
          "h:443",
          "127.0.0.1:9139",
          "0.0.0.0",
          "255.255.255.255:1",
          "256.1.1.1",
          "01.2.3.4",
          "1.2.3",
          "1.2.3.4.5",
          "a-b.c-d.example",
          "-a.example",
          "a-.example",
          "a..b",
          "a.b.",
          "1a.2b",
          "a.1b",
          "h:",
          "h:0",
          "h:65535",
          "h:65536",
          "h:123456",
          "h:8x",
          "u@h",
          "[::1]:9000",
          "bad host",
          "h_x");

  private static final List<String> TARGETS =
      List.of(
          "/",
          "/echo",
          "//double",
          "/a/b.c?x=1&y=2",
          "/?",
          "/a?b?c",
          "/a?q=[1]",
          "/a[1]",
          "/a%20b",
          "/a#f",
          "/a{b}",
          "/a b",
          "/~u/(x);p=1,2:$@+!*'",
          "/é");

  private static HttpRequest get(String target, String host) {
    HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
    r.headers().add("Host", host);
    return r;
  }

  private static String general(String target, String host, String scheme) {
    try {
      return Json.write(RequestMeta.parsed(new NettyHead(get(target, host)), scheme, "l:1"));
    } catch (RequestMeta.BadTarget e) {
      return "bad";
    }
  }

  @Test
  void whatItAnswersIsWhatTheGeneralParseGives() {
    int taken = 0;
    for (String scheme : List.of("http", "https")) {
      for (String host : AUTHORITIES) {
        for (String target : TARGETS) {
          Value fast = OriginFormUrl.of(scheme, host, target);
          if (fast != null) {
            taken++;
            assertThat(Json.write(fast))
                .as("%s://%s%s", scheme, host, target)
                .isEqualTo(general(target, host, scheme));
          }
        }
      }
    }
    assertThat(taken).isGreaterThan(100);
  }

  @Test
  void thePlainCommonCaseIsTaken() {
    assertThat(Json.write(OriginFormUrl.of("http", "Example.COM:8139", "/a/b?x=1")))
        .isEqualTo(
            "{\"scheme\":\"http\",\"host\":\"example.com\",\"port\":8139,\"path\":\"/a/b\","
                + "\"query\":\"x=1\"}");
    assertThat(Json.write(OriginFormUrl.of("https", "10.0.0.1:443", "/")))
        .isEqualTo("{\"scheme\":\"https\",\"host\":\"10.0.0.1\",\"path\":\"/\"}");
  }

  @Test
  void escapesFragmentsUserInfoAndIpv6AreLeftToTheGeneralParse() {
    assertThat(OriginFormUrl.of("http", "h", "/a%20b")).isNull();
    assertThat(OriginFormUrl.of("http", "h", "/a#f")).isNull();
    assertThat(OriginFormUrl.of("http", "h", "/?")).isNull();
    assertThat(OriginFormUrl.of("http", "u@h", "/")).isNull();
    assertThat(OriginFormUrl.of("http", "[::1]:9000", "/")).isNull();
    assertThat(OriginFormUrl.of("http", "bad host", "/")).isNull();
    assertThat(OriginFormUrl.of("http", "1.2.3", "/")).isNull();
    assertThat(OriginFormUrl.of("http", "h:65536", "/")).isNull();
  }
}
