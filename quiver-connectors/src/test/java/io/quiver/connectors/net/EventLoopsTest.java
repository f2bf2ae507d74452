package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventLoopsTest {

  @Test
  void oneLoopPerAvailableCpuByDefault() {
    assertThat(EventLoops.threads(null, 1)).isEqualTo(1);
    assertThat(EventLoops.threads(null, 6)).isEqualTo(6);
    assertThat(EventLoops.threads(null, 0)).isEqualTo(1);
  }

  @Test
  void thePropertyOverridesTheCpuCount() {
    assertThat(EventLoops.threads("3", 1)).isEqualTo(3);
    assertThat(EventLoops.threads(" 2 ", 8)).isEqualTo(2);
  }

  @Test
  void aBadThreadCountFallsBackToTheCpuCount() {
    assertThat(EventLoops.threads("many", 4)).isEqualTo(4);
    assertThat(EventLoops.threads("0", 4)).isEqualTo(4);
    assertThat(EventLoops.threads("-2", 1)).isEqualTo(1);
  }

  @Test
  void nioCanBeForced() {
    assertThat(NettyTransport.choose("nio")).isEqualTo(NettyTransport.NIO);
    assertThat(NettyTransport.choose(" NIO ")).isEqualTo(NettyTransport.NIO);
  }

  @Test
  void withoutThePropertyTheFirstWorkingTransportOfTheDefaultOrderIsUsed() {
    NettyTransport expected =
        java.util.Arrays.stream(NettyTransport.DEFAULT_ORDER)
            .filter(NettyTransport::available)
            .findFirst()
            .orElseThrow();
    assertThat(NettyTransport.choose(null)).isEqualTo(expected);
    assertThat(NettyTransport.choose("  ")).isEqualTo(expected);
  }

  @Test
  void aRequestedTransportIsUsedWhenItWorksElseTheDefault() {
    for (NettyTransport t : NettyTransport.values()) {
      assertThat(NettyTransport.choose(t.label))
          .isEqualTo(t.available() ? t : NettyTransport.choose(null));
    }
    assertThat(NettyTransport.choose("io-uring")).isEqualTo(NettyTransport.choose("io_uring"));
    assertThat(NettyTransport.choose("kqueue")).isEqualTo(NettyTransport.choose(null));
  }

  @Test
  void theSettingsAreDeclaredWithTheirNamesAndWordTheirWarnings() {
    assertThat(EventLoops.SETTINGS)
        .extracting(s -> s.name())
        .containsExactly("quiver.transport", "quiver.ws.threads");
    assertThat(EventLoops.TRANSPORT.read("foo", NettyTransport.NIO, "nio").warning())
        .isEqualTo(
            "ignoring -Dquiver.transport=foo: not a transport (io_uring, epoll or nio); using nio");
    assertThat(EventLoops.TRANSPORT.read("io-uring", NettyTransport.NIO, "nio").value())
        .isEqualTo(NettyTransport.IO_URING);
    assertThat(EventLoops.THREADS.read("many", 4, "4 (the available CPUs)").warning())
        .isEqualTo(
            "ignoring -Dquiver.ws.threads=many: not a positive number of threads; using 4 (the"
                + " available CPUs)");
  }
}
