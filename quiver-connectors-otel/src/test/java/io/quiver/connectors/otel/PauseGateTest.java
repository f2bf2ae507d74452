package io.quiver.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PauseGateTest {
  @Test
  void openUnlessPaused() throws Exception {
    PauseGate gate = new PauseGate();
    assertThat(gate.awaitOpen(0)).isTrue();
    gate.pause();
    assertThat(gate.awaitOpen(0)).isFalse();
    gate.resume();
    assertThat(gate.awaitOpen(0)).isTrue();
  }

  @Test
  void aWaiterGoesOnWhenResumed() throws Exception {
    PauseGate gate = new PauseGate();
    gate.pause();
    CompletableFuture<Boolean> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return gate.awaitOpen(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    assertThat(waiter).isNotDone();
    gate.resume();
    assertThat(waiter.get(60, TimeUnit.SECONDS)).isTrue();
  }
}
