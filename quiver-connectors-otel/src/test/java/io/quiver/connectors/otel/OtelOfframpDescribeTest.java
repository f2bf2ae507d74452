package io.quiver.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class OtelOfframpDescribeTest {
  @Test
  void aFailedCallIsDescribedOnOneLine() {
    var e =
        Status.UNAVAILABLE
            .withDescription("io exception")
            .withCause(new ConnectException("Connection refused: /127.0.0.1:4317"))
            .asRuntimeException();
    assertThat(OtelOfframp.describe(e))
        .isEqualTo(
            "status: UNAVAILABLE, message: \"io exception: Connection refused: /127.0.0.1:4317\"");
    assertThat(OtelOfframp.describe(Status.DEADLINE_EXCEEDED.asRuntimeException()))
        .isEqualTo("status: DEADLINE_EXCEEDED, message: \"\"");
  }
}
