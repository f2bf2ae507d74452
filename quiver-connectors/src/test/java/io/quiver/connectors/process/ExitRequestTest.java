package io.quiver.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitRequestTest {

  @Test
  void anIntegerExitIsTheStatusAndDelayDefaultsToNone() {
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(55)))).contains(new ExitRequest(55, 0));
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(0), "delay", Value.of(1500))))
        .contains(new ExitRequest(0, 1500));
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(-1)))).contains(new ExitRequest(-1, 0));
  }

  @Test
  void aDelayThatIsNoNonNegativeIntegerMeansNoDelay() {
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(1), "delay", Value.of(-5))))
        .contains(new ExitRequest(1, 0));
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(1), "delay", Value.of("soon"))))
        .contains(new ExitRequest(1, 0));
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(1), "delay", Value.of(2.5))))
        .contains(new ExitRequest(1, 0));
  }

  @Test
  void anythingElseIsNoRequest() {
    assertThat(ExitRequest.of(Value.obj("done", Value.TRUE))).isEqualTo(Optional.empty());
    assertThat(ExitRequest.of(Value.obj("exit", Value.of("0")))).isEmpty();
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(1.0)))).isEmpty();
    assertThat(ExitRequest.of(Value.obj("exit", Value.NULL))).isEmpty();
    assertThat(ExitRequest.of(Value.obj("exit", Value.of(1L << 31)))).isEmpty();
    assertThat(ExitRequest.of(Value.of(0))).isEmpty();
    assertThat(ExitRequest.of(Value.array(Value.obj("exit", Value.of(0))))).isEmpty();
  }
}
