package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpMethodsTest {
  @Test
  void methodsAreKnownInAnyCaseAndSpacing() {
    assertThat(HttpMethods.canonical("get")).isEqualTo("GET");
    assertThat(HttpMethods.canonical(" Patch ")).isEqualTo("PATCH");
    assertThat(HttpMethods.canonical("propfind")).isEqualTo("PROPFIND");
    assertThat(HttpMethods.canonical("version-control")).isEqualTo("VERSION-CONTROL");
  }

  @Test
  void othersAreNot() {
    assertThat(HttpMethods.canonical("FETCH")).isNull();
    assertThat(HttpMethods.canonical("")).isNull();
    assertThat(HttpMethods.canonical(null)).isNull();
    assertThat(HttpMethods.INVALID).isEqualTo("Invalid HTTP method");
  }
}
