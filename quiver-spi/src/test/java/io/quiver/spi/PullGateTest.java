package io.quiver.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PullGateTest {

  /** A wait of the gate's, the way the pulling thread does it. */
  private interface Wait {
    boolean run() throws InterruptedException;
  }

  private static CompletableFuture<Boolean> onAThreadOfItsOwn(Wait wait) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon(true)
        .start(
            () -> {
              try {
                result.complete(wait.run());
              } catch (InterruptedException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private static CompletableFuture<Boolean> awaitOpenOnAThreadOfItsOwn(PullGate gate) {
    return onAThreadOfItsOwn(gate::awaitOpen);
  }

  @Test
  void anOpenGateLetsThePullerThroughAtOnce() throws Exception {
    PullGate gate = new PullGate();
    assertThat(gate.awaitOpen()).isTrue();
    assertThat(gate.accepting()).isTrue();
    assertThat(gate.closed()).isFalse();
  }

  @Test
  void aPausedGateHoldsThePullerUntilResumed() throws Exception {
    PullGate gate = new PullGate();
    gate.pause();
    CompletableFuture<Boolean> open = awaitOpenOnAThreadOfItsOwn(gate);
    Await.until("the puller is held", gate::holding);
    assertThat(open).isNotDone();

    gate.resume();

    assertThat(open.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.holding()).isFalse();
  }

  @Test
  void afterStopAcceptingThePullerIsHeldEvenWhenResumedAndNothingIsHandedOn() throws Exception {
    PullGate gate = new PullGate();
    gate.stopAccepting();
    gate.resume();
    assertThat(gate.accepting()).isFalse();
    CompletableFuture<Boolean> open = awaitOpenOnAThreadOfItsOwn(gate);
    Await.until("the puller is held", gate::holding);

    gate.close();

    assertThat(open.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void closingReleasesAPausedPullerForGood() throws Exception {
    PullGate gate = new PullGate();
    gate.pause();
    CompletableFuture<Boolean> open = awaitOpenOnAThreadOfItsOwn(gate);
    Await.until("the puller is held", gate::holding);

    gate.close();

    assertThat(open.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(gate.awaitOpen()).isFalse();
    assertThat(gate.accepting()).isFalse();
    gate.resume();
    assertThat(gate.awaitOpen()).isFalse();
  }

  @Test
  void sleepEndsEarlyWhenTheGateIsClosedAndSaysSo() throws Exception {
    PullGate gate = new PullGate();
    CompletableFuture<Boolean> slept =
        onAThreadOfItsOwn(() -> gate.sleep(TimeUnit.HOURS.toMillis(1)));

    gate.close();

    assertThat(slept.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void sleepOnAnOpenGateReturnsTrueAfterItsTime() throws Exception {
    assertThat(new PullGate().sleep(1)).isTrue();
  }
}
