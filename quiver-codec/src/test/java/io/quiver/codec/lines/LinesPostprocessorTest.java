package io.quiver.codec.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinesPostprocessorTest {

  @Test
  void appendsANewlineToEveryChunk() {
    LinesPostprocessor post = new LinesPostprocessor();
    List<byte[]> out = new ArrayList<>();
    post.process("a".getBytes(), 0, out);
    post.process(new byte[0], 0, out);
    post.process("b\n".getBytes(), 0, out);
    assertThat(out).containsExactly("a\n".getBytes(), "\n".getBytes(), "b\n\n".getBytes());
  }
}
