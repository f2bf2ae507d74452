package io.quiver.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallStackTest {
  private static int depth(int n) {
    return n == 0 ? 0 : 1 + depth(n - 1);
  }

  @Test
  void returnsWhatTheWorkReturnsOnAnotherThread() throws Exception {
    assertThat(SmallStack.run(() -> Thread.currentThread().getName())).isEqualTo("small-stack");
    assertThat(SmallStack.run(() -> 42)).isEqualTo(42);
    assertThat(SmallStack.run(256 << 10, () -> 43)).isEqualTo(43);
  }

  @Test
  void returnsWhatTheWorkThrewErrorsIncluded() throws Exception {
    assertThat(SmallStack.run(() -> depth(Integer.MAX_VALUE)))
        .isInstanceOf(StackOverflowError.class);
    IllegalStateException thrown = new IllegalStateException("no");
    assertThat(
            SmallStack.run(
                () -> {
                  throw thrown;
                }))
        .isSameAs(thrown);
  }
}
