package io.quiver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TremorUrlTest {

  @Test
  void relativeUrlGetsLocalhost() {
    TremorUrl url = TremorUrl.parse("/onramp/ws/01/out");
    assertThat(url.host()).isEqualTo("localhost");
    assertThat(url.type()).isEqualTo(ResourceType.ONRAMP);
    assertThat(url.artefact()).isEqualTo("ws");
    assertThat(url.instance()).isEqualTo("01");
    assertThat(url.port()).isEqualTo("out");
    assertThat(url).hasToString("tremor://localhost/onramp/ws/01/out");
  }

  @Test
  void aUrlWithoutLeadingSlashIsTremorsRelativeFormOfAPort() {
    TremorUrl url = TremorUrl.parse("onramp/http_in/{instance}/in");
    assertThat(url).hasToString("tremor://localhost/onramp/http_in/{instance}/in");
    assertThat(TremorUrl.parse("pipeline/system::passthrough/system/in").artefact())
        .isEqualTo("system::passthrough");
    assertThatThrownBy(() -> TremorUrl.parse("ramp/ws/01/out"))
        .hasMessage("Bad Resource type: ramp");
  }

  @Test
  void absoluteUrlKeepsHost() {
    TremorUrl url = TremorUrl.parse("tremor://example/pipeline/system::passthrough/system/in");
    assertThat(url.host()).isEqualTo("example");
    assertThat(url.artefact()).isEqualTo("system::passthrough");
    assertThat(url.path()).isEqualTo("/pipeline/system::passthrough/system/in");
  }

  @Test
  void artefactAndInstanceUrlsHaveNoPort() {
    assertThat(TremorUrl.parse("/binding/main/01").port()).isNull();
    assertThat(TremorUrl.parse("/offramp/upstream").instance()).isNull();
    assertThat(TremorUrl.parse("/onramp/ws/01/out").instanceUrl())
        .hasToString("tremor://localhost/onramp/ws/01");
  }

  @Test
  void placeholderStaysInInstanceSegment() {
    TremorUrl url = TremorUrl.parse("/onramp/blaster/{instance}-1/out");
    assertThat(url.instance()).isEqualTo("{instance}-1");
  }

  @Test
  void badUrlsUseTremorsTexts() {
    assertThatThrownBy(() -> TremorUrl.parse("onramp/ws/01")).hasMessage("Bad URL: onramp/ws/01");
    assertThatThrownBy(() -> TremorUrl.parse("http://x/onramp/ws/01/out"))
        .hasMessage("Bad URL: http://x/onramp/ws/01/out");
    assertThatThrownBy(() -> TremorUrl.parse("/onramp")).hasMessage("Bad URL: /onramp");
    assertThatThrownBy(() -> TremorUrl.parse("/onramp/ws/01/out/extra"))
        .hasMessage("Bad URL: /onramp/ws/01/out/extra");
    assertThatThrownBy(() -> TremorUrl.parse("/onramp//01/out"))
        .hasMessage("Bad URL: /onramp//01/out");
    assertThatThrownBy(() -> TremorUrl.parse("/ramp/ws/01/out"))
        .hasMessage("Bad Resource type: ramp");
  }
}
