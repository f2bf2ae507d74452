package io.quiver.connectors.rest.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderSyntaxTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void tokensAndValues() {
    assertThat(HeaderSyntax.isToken("X-Custom_1.~")).isTrue();
    assertThat(HeaderSyntax.isToken("a b")).isFalse();
    assertThat(HeaderSyntax.isToken("")).isFalse();
    assertThat(HeaderSyntax.isToken("a:b")).isFalse();
    assertThat(HeaderSyntax.isValue("text/plain; q=1\tok \u00e9")).isTrue();
    assertThat(HeaderSyntax.isValue("a\r\nb")).isFalse();
    assertThat(HeaderSyntax.isValue("a\u0000")).isFalse();
  }

  @Test
  void caseInsensitiveNamesAndTokenLists() {
    byte[] name = b("xContent-TYPEx");
    assertThat(HeaderSyntax.equalsLowerCase(name, 1, 13, "content-type")).isTrue();
    assertThat(HeaderSyntax.equalsLowerCase(name, 1, 12, "content-type")).isFalse();
    assertThat(HeaderSyntax.equalsLowerCase(name, 0, 12, "content-type")).isFalse();
    byte[] list = b("Upgrade , Keep-Alive,close");
    assertThat(HeaderSyntax.hasToken(list, 0, list.length, "keep-alive")).isTrue();
    assertThat(HeaderSyntax.hasToken(list, 0, list.length, "close")).isTrue();
    assertThat(HeaderSyntax.hasToken(list, 0, list.length, "keep")).isFalse();
    assertThat(HeaderSyntax.hasToken(list, 0, 0, "close")).isFalse();
  }
}
