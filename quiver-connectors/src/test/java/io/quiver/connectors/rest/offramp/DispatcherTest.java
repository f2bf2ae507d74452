package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DispatcherTest {

  @Test
  void connectFailuresAreSaidPlainly() {
    assertThat(
            Dispatcher.cause(
                new java.net.ConnectException(
                    "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:1")))
        .isEqualTo("Connection refused");
    assertThat(Dispatcher.cause(new io.netty.channel.ConnectTimeoutException("x")))
        .isEqualTo("connect timed out");
    assertThat(Dispatcher.cause(new java.net.UnknownHostException("failed to resolve 'nope'")))
        .isEqualTo("failed to resolve 'nope'");
    assertThat(Dispatcher.cause(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
