package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
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
    assertThat(NettyTransport.choose("nio").transport()).isEqualTo(NettyTransport.NIO);
    assertThat(NettyTransport.choose(" NIO ").transport()).isEqualTo(NettyTransport.NIO);
    assertThat(NettyTransport.choose("nio").why()).isEqualTo("-Dquiver.transport=nio");
  }

  @Test
  void theDefaultOrderIsEpollThenNio() {
    assertThat(NettyTransport.DEFAULT_ORDER)
        .containsExactly(NettyTransport.EPOLL, NettyTransport.NIO);
  }

  @Test
  void withoutThePropertyTheFirstWorkingTransportOfTheDefaultOrderIsUsed() {
    NettyTransport expected =
        Arrays.stream(NettyTransport.DEFAULT_ORDER)
            .filter(NettyTransport::available)
            .findFirst()
            .orElseThrow();
    assertThat(NettyTransport.choose(null).transport()).isEqualTo(expected);
    assertThat(NettyTransport.choose("  ").transport()).isEqualTo(expected);
  }

  @Test
  void whereEverythingWorksTheDefaultIsEpoll() {
    NettyTransport.Choice choice = NettyTransport.choose(null, t -> null);
    assertThat(choice.transport()).isEqualTo(NettyTransport.EPOLL);
    assertThat(choice.why()).isEqualTo("the default");
  }

  @Test
  void withoutEpollNioIsUsedNamingTheCause() {
    Function<NettyTransport, String> noNatives =
        t -> t == NettyTransport.NIO ? null : "no native library for " + t.label;
    NettyTransport.Choice choice = NettyTransport.choose(null, noNatives);
    assertThat(choice.transport()).isEqualTo(NettyTransport.NIO);
    assertThat(choice.why()).isEqualTo("epoll does not work here: no native library for epoll");
  }

  @Test
  void aRequestedTransportThatDoesNotWorkFallsBackToTheDefaultSayingWhy() {
    Function<NettyTransport, String> seccomp =
        t -> t == NettyTransport.IO_URING ? "io_uring_setup: Operation not permitted" : null;
    NettyTransport.Choice choice = NettyTransport.choose("io_uring", seccomp);
    assertThat(choice.transport()).isEqualTo(NettyTransport.EPOLL);
    assertThat(choice.why())
        .isEqualTo("io_uring does not work here: io_uring_setup: Operation not permitted");
    NettyTransport.Choice noNatives =
        NettyTransport.choose("io_uring", t -> t == NettyTransport.NIO ? null : "disabled");
    assertThat(noNatives.transport()).isEqualTo(NettyTransport.NIO);
    assertThat(noNatives.why())
        .isEqualTo("io_uring does not work here: disabled; epoll does not work here: disabled");
    NettyTransport.Choice uring = NettyTransport.choose("io-uring", t -> null);
    assertThat(uring.transport()).isEqualTo(NettyTransport.IO_URING);
    assertThat(uring.why()).isEqualTo("-Dquiver.transport=io_uring");
    NettyTransport.Choice bad = NettyTransport.choose("kqueue", t -> null);
    assertThat(bad.transport()).isEqualTo(NettyTransport.EPOLL);
    assertThat(bad.why()).isEqualTo("-Dquiver.transport ignored");
  }

  @Test
  void aRequestedTransportIsUsedWhenItWorksElseTheDefault() {
    for (NettyTransport t : NettyTransport.values()) {
      assertThat(NettyTransport.choose(t.label).transport())
          .isEqualTo(t.available() ? t : NettyTransport.choose(null).transport());
    }
    assertThat(NettyTransport.choose("io-uring").transport())
        .isEqualTo(NettyTransport.choose("io_uring").transport());
    assertThat(NettyTransport.choose("kqueue").transport())
        .isEqualTo(NettyTransport.choose(null).transport());
  }

  @Test
  void aNativeLibrarysReasonIsItsInnermostMessage() {
    assertThat(
            NettyTransport.reason(
                new IllegalStateException(
                    "failed to load", new UnsatisfiedLinkError("no netty_io_uring in path"))))
        .isEqualTo("no netty_io_uring in path");
    assertThat(NettyTransport.reason(new UnsupportedOperationException()))
        .isEqualTo("UnsupportedOperationException");
    assertThat(NettyTransport.reason(null)).isEqualTo("unavailable");
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

  @Test
  void aDeploymentWithRestAndNoWebsocketConnectorsServesHttpOnly() {
    assertThat(EventLoops.servesHttpOnly(Set.of("rest"))).isTrue();
    assertThat(EventLoops.servesHttpOnly(Set.of("rest", "kafka", "tcp"))).isTrue();
    assertThat(EventLoops.servesHttpOnly(Set.of("rest", "ws"))).isFalse();
    assertThat(EventLoops.servesHttpOnly(Set.of("ws"))).isFalse();
    assertThat(EventLoops.servesHttpOnly(Set.of())).isFalse();
  }

  @Test
  void anHttpOnlyDeploymentRunsOnIoUringWhereItWorksUnlessThePropertySaysOtherwise() {
    NettyTransport.Choice uring = NettyTransport.choose(null, t -> null, true);
    assertThat(uring.transport()).isEqualTo(NettyTransport.IO_URING);
    assertThat(uring.why()).isEqualTo(NettyTransport.HTTP_DEFAULT_WHY);
    Function<NettyTransport, String> seccomp =
        t -> t == NettyTransport.IO_URING ? "io_uring_setup: Operation not permitted" : null;
    NettyTransport.Choice blocked = NettyTransport.choose(null, seccomp, true);
    assertThat(blocked.transport()).isEqualTo(NettyTransport.EPOLL);
    assertThat(blocked.why()).isEqualTo("the default");
    assertThat(NettyTransport.choose("epoll", t -> null, true).transport())
        .isEqualTo(NettyTransport.EPOLL);
    assertThat(NettyTransport.choose(null, t -> null, false).transport())
        .isEqualTo(NettyTransport.EPOLL);
  }
}
