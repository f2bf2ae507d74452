package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void splitsLikeAPosixShellWithoutExpansion() {
    assertThat(ShellWords.split("tremor  run 'a b.tremor' \"x \\\"y\\\"\" c\\ d $HOME | wc"))
        .containsExactly("tremor", "run", "a b.tremor", "x \"y\"", "c d", "$HOME", "|", "wc");
  }

  @Test
  void aCommentEndsTheLineAndEmptyQuotesAreAWord() {
    assertThat(ShellWords.split("echo '' # the rest")).containsExactly("echo", "");
  }

  @Test
  void anOpenQuoteIsAnError() {
    assertThatThrownBy(() -> ShellWords.split("echo 'oops"))
        .hasMessageContaining("missing closing quote");
  }
}
