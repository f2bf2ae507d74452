package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WsEventLoopsTest {

  @Test
  void oneLoopPerAvailableCpuByDefault() {
    assertThat(WsEventLoops.threads(null, 1)).isEqualTo(1);
    assertThat(WsEventLoops.threads(null, 6)).isEqualTo(6);
    assertThat(WsEventLoops.threads(null, 0)).isEqualTo(1);
  }

  @Test
  void thePropertyOverridesTheCpuCount() {
    assertThat(WsEventLoops.threads("3", 1)).isEqualTo(3);
    assertThat(WsEventLoops.threads(" 2 ", 8)).isEqualTo(2);
  }

  @Test
  void aBadThreadCountFallsBackToTheCpuCount() {
    assertThat(WsEventLoops.threads("many", 4)).isEqualTo(4);
    assertThat(WsEventLoops.threads("0", 4)).isEqualTo(4);
    assertThat(WsEventLoops.threads("-2", 1)).isEqualTo(1);
  }

  @Test
  void nioCanBeForced() {
    assertThat(WsTransport.choose("nio")).isEqualTo(WsTransport.NIO);
    assertThat(WsTransport.choose(" NIO ")).isEqualTo(WsTransport.NIO);
  }

  @Test
  void withoutThePropertyTheFirstWorkingTransportOfTheDefaultOrderIsUsed() {
    WsTransport expected =
        java.util.Arrays.stream(WsTransport.DEFAULT_ORDER)
            .filter(WsTransport::available)
            .findFirst()
            .orElseThrow();
    assertThat(WsTransport.choose(null)).isEqualTo(expected);
    assertThat(WsTransport.choose("  ")).isEqualTo(expected);
  }

  @Test
  void aRequestedTransportIsUsedWhenItWorksElseTheDefault() {
    for (WsTransport t : WsTransport.values()) {
      assertThat(WsTransport.choose(t.label))
          .isEqualTo(t.available() ? t : WsTransport.choose(null));
    }
    assertThat(WsTransport.choose("io-uring")).isEqualTo(WsTransport.choose("io_uring"));
    assertThat(WsTransport.choose("kqueue")).isEqualTo(WsTransport.choose(null));
  }
}
