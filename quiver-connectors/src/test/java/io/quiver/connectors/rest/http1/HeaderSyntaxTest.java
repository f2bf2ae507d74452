package io.quiver.connectors.rest.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

  /** The elements the walker finds in {@code b[from, to)}, as strings. */
  private static List<String> elements(byte[] b, int from, int to) {
    List<String> found = new ArrayList<>();
    for (long e = HeaderSyntax.nextElement(b, from, to);
        e != HeaderSyntax.END_OF_LIST;
        e = HeaderSyntax.nextElement(b, HeaderSyntax.elementTo(e), to)) {
      int ef = HeaderSyntax.elementFrom(e);
      found.add(new String(b, ef, HeaderSyntax.elementTo(e) - ef, StandardCharsets.ISO_8859_1));
    }
    return found;
  }

  private static List<String> elements(String list) {
    byte[] b = b(list);
    return elements(b, 0, b.length);
  }

  @Test
  void listElementsAreTrimmedOfSpacesAndTabsOnBothEnds() {
    assertThat(elements("gzip")).containsExactly("gzip");
    assertThat(elements(" \tgzip , chunked\t ")).containsExactly("gzip", "chunked");
    assertThat(elements("a,b,c")).containsExactly("a", "b", "c");
  }

  @Test
  void spacesInsideAnElementStayInIt() {
    assertThat(elements("gzip chunked, a \t b")).containsExactly("gzip chunked", "a \t b");
  }

  @Test
  void emptyElementsAreSkipped() {
    assertThat(elements("")).isEmpty();
    assertThat(elements(",")).isEmpty();
    assertThat(elements(" , \t ,,")).isEmpty();
    assertThat(elements(",a,,  ,b,")).containsExactly("a", "b");
  }

  @Test
  void onlyTheGivenRangeIsWalked() {
    byte[] b = b("x,head, tail ,y");
    assertThat(elements(b, 2, 13)).containsExactly("head", "tail");
    assertThat(elements(b, 3, 5)).containsExactly("ea");
    assertThat(elements(b, 4, 4)).isEmpty();
  }

  @Test
  void anElementEndingTheListEndsAtItsEnd() {
    byte[] b = b("a, bc");
    long last = HeaderSyntax.nextElement(b, 2, b.length);
    assertThat(HeaderSyntax.elementFrom(last)).isEqualTo(3);
    assertThat(HeaderSyntax.elementTo(last)).isEqualTo(5);
    assertThat(HeaderSyntax.nextElement(b, HeaderSyntax.elementTo(last), b.length))
        .isEqualTo(HeaderSyntax.END_OF_LIST);
  }

  @Test
  void tokenListsSkipEmptyElementsAndMatchWholeElementsOnly() {
    byte[] list = b(" , ,Close ,");
    assertThat(HeaderSyntax.hasToken(list, 0, list.length, "close")).isTrue();
    byte[] inner = b("keep alive");
    assertThat(HeaderSyntax.hasToken(inner, 0, inner.length, "keep")).isFalse();
    assertThat(HeaderSyntax.hasToken(inner, 0, inner.length, "alive")).isFalse();
  }
}
