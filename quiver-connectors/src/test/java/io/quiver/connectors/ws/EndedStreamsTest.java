package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndedStreamsTest {
  private final EndedStreams ended = new EndedStreams();

  @Test
  void knowsExactlyTheEndedSourceAndStreamPairs() {
    assertThat(ended.contains(1, 7)).isFalse();
    ended.add(1, 7);
    assertThat(ended.contains(1, 7)).isTrue();
    assertThat(ended.contains(1, 8)).isFalse();
    assertThat(ended.contains(2, 7)).isFalse();
    assertThat(ended.contains(7, 1)).isFalse();
  }

  @Test
  void lookingUpChangesNothingThatWasRemembered() {
    ended.add(3, 30);
    for (long stream = 0; stream < 100; stream++) {
      ended.contains(3, stream);
    }
    ended.add(4, 40);
    assertThat(ended.contains(3, 30)).isTrue();
    assertThat(ended.contains(4, 40)).isTrue();
    assertThat(ended.contains(3, 99)).isFalse();
  }

  @Test
  void remembersTheMostRecent4096AndForgetsOlderOnes() {
    for (long stream = 0; stream < 5000; stream++) {
      ended.add(1, stream);
    }
    assertThat(ended.contains(1, 0)).isFalse();
    assertThat(ended.contains(1, 903)).isFalse();
    assertThat(ended.contains(1, 904)).isTrue();
    assertThat(ended.contains(1, 4999)).isTrue();
  }
}
