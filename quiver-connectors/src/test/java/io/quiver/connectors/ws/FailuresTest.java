package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void theNativeTransportsCallAndErrnoPrefixIsDropped() {
    assertThat(
            Failures.withoutNativePrefix("bind(..) failed with error(-98): Address already in use"))
        .isEqualTo("Address already in use");
  }

  @Test
  void aMessageWithoutTheNativePrefixStaysAsItIs() {
    assertThat(Failures.withoutNativePrefix("Address already in use"))
        .isEqualTo("Address already in use");
    assertThat(Failures.withoutNativePrefix(null)).isNull();
  }

  @Test
  void aRefusedNativeConnectReadsAsNiosDoes() {
    String nativeText =
        "finishConnect(..) failed with error(-111): Connection refused: localhost/127.0.0.1:1";
    assertThat(Failures.describe(new ConnectException(nativeText), 1000))
        .isEqualTo("Connection refused");
    assertThat(
            Failures.describe(
                new ConnectException("Connection refused: localhost/127.0.0.1:1"), 1000))
        .isEqualTo("Connection refused");
  }

  @Test
  void aNativeReadErrorReadsAsNiosDoes() {
    assertThat(
            Failures.describe(
                new IOException(
                    "recvAddress(..) failed with error(-104): Connection reset by peer"),
                1000))
        .isEqualTo("Connection reset by peer");
  }
}
