package io.quiver.codec.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.ProcessorException;
import io.quiver.spi.RejectedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinesPreprocessorTest {

  private static final String TOO_LONG_TO_COMPLETE =
      "Discarded line fragment of length 10 since total length of 16 exceeds maximum allowed line"
          + " length of 10";
  private static final String TOO_LONG_TO_SAVE =
      "Discarded line fragment of length 10 since total length of 16 exceeds maximum allowed"
          + " length of 10";

  /** Tremor's unit-test configuration: newline, buffered, max 10. */
  private static LinesPreprocessor small() {
    return new LinesPreprocessor((byte) '\n', 10, true);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> feed(LinesPreprocessor pp, String input) throws ProcessorException {
    return feed(pp, bytes(input));
  }

  private static List<String> feed(LinesPreprocessor pp, byte[] input) throws ProcessorException {
    List<byte[]> out = new ArrayList<>();
    pp.process(input, 0, out);
    return texts(out);
  }

  private static List<String> finish(LinesPreprocessor pp) throws ProcessorException {
    List<byte[]> out = new ArrayList<>();
    pp.finish(out);
    return texts(out);
  }

  private static List<String> texts(List<byte[]> chunks) {
    return chunks.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  private static void assertFails(LinesPreprocessor pp, String input, String message) {
    List<byte[]> out = new ArrayList<>();
    out.add(bytes("earlier"));
    assertThatThrownBy(() -> pp.process(bytes(input), 0, out))
        .isInstanceOf(ProcessorException.class)
        .hasMessage(message);
    assertThat(texts(out)).as("nothing appended on failure").containsExactly("earlier");
  }

  /** Tremor's test1..test6 are growing prefixes of one scenario; each step here is one of them. */
  @Nested
  class TremorScenario {
    private final LinesPreprocessor pp = small();

    private void simpleSplit() throws ProcessorException {
      assertThat(feed(pp, "012345\n0123456789\n")).containsExactly("012345", "0123456789");
    }

    private void splitAcrossChunks() throws ProcessorException {
      assertThat(feed(pp, "012345")).isEmpty();
      assertThat(feed(pp, "\n0123456789\n")).containsExactly("012345", "0123456789");
    }

    private void completingTooMuchFails() throws ProcessorException {
      assertThat(feed(pp, "012345")).isEmpty();
      assertFails(pp, "0123456789\n", TOO_LONG_TO_COMPLETE);
    }

    private void savingTooMuchFails() throws ProcessorException {
      assertThat(feed(pp, "012345")).isEmpty();
      assertFails(pp, "0123456789", TOO_LONG_TO_SAVE);
    }

    @Test
    void test1() throws ProcessorException {
      simpleSplit();
    }

    @Test
    void test2() throws ProcessorException {
      simpleSplit();
      splitAcrossChunks();
    }

    @Test
    void test3() throws ProcessorException {
      simpleSplit();
      splitAcrossChunks();
      completingTooMuchFails();
    }

    @Test
    void test4() throws ProcessorException {
      test3();
      simpleSplit();
    }

    @Test
    void test5() throws ProcessorException {
      test4();
      savingTooMuchFails();
    }

    @Test
    void test6() throws ProcessorException {
      test5();
      simpleSplit();
    }
  }

  @Test
  void nonDefaultSeparator() throws ProcessorException {
    LinesPreprocessor pp = new LinesPreprocessor((byte) 0, 10, true);
    assertThat(feed(pp, "012345\0000123456789\000")).containsExactly("012345", "0123456789");
  }

  @Test
  void emptyData() throws ProcessorException {
    assertThat(feed(small(), "")).isEmpty();
  }

  @Test
  void emptyDataAfterBuffer() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "a")).isEmpty();
    assertThat(feed(pp, "")).isEmpty();
    assertThat(pp.pendingLength()).isEqualTo(1);
  }

  @Test
  void splitSplitSplit() throws ProcessorException {
    assertThat(feed(small(), "012345\n0123456789\nabc\n"))
        .containsExactly("012345", "0123456789", "abc");
  }

  @Test
  void splitBufferSplit() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "0123456789\n012345")).containsExactly("0123456789");
    assertThat(feed(pp, "\n")).containsExactly("012345");
  }

  @Test
  void splitBufferSplitBuffer() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "0123456789\n012345")).containsExactly("0123456789");
    assertThat(feed(pp, "\nabc")).containsExactly("012345");
    assertThat(pp.pendingLength()).isEqualTo(3);
  }

  @Test
  void splitBufferBufferSplit() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "0123456789\n012345")).containsExactly("0123456789");
    assertThat(feed(pp, "abc\n")).containsExactly("012345abc");
  }

  // ------------------------------------------------------------------ beyond Tremor's tests

  @Test
  void emptyLinesAreEmitted() throws ProcessorException {
    assertThat(feed(small(), "\n\na\n\n")).containsExactly("", "", "a", "");
  }

  @Test
  void fragmentsAccumulateOverSeveralChunks() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "ab")).isEmpty();
    assertThat(feed(pp, "cd")).isEmpty();
    assertThat(feed(pp, "ef")).isEmpty();
    assertThat(feed(pp, "gh\nij\nk")).containsExactly("abcdefgh", "ij");
    assertThat(pp.pendingLength()).isEqualTo(1);
  }

  @Test
  void fragmentOfExactlyTheMaximumIsKept() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "01234")).isEmpty();
    assertThat(feed(pp, "56789")).isEmpty();
    assertThat(feed(pp, "\n")).containsExactly("0123456789");
  }

  @Test
  void overLongCompleteLineIsRefusedWithAnErrorAndTheOthersKept() throws ProcessorException {
    LinesPreprocessor pp = small();
    List<byte[]> out = new ArrayList<>();
    assertThatThrownBy(() -> pp.process(bytes("abc\n0123456789X\ndef\n0123456789YZ\n"), 0, out))
        .isInstanceOfSatisfying(
            RejectedInputException.class,
            e ->
                assertThat(e.rejections())
                    .containsExactly(
                        "Invalid line of length 11 since it exceeds maximum allowed length of 10",
                        "Invalid line of length 12 since it exceeds maximum allowed length of 10"));
    assertThat(texts(out)).containsExactly("abc", "def");
    assertThatThrownBy(() -> feed(pp, "0123456789X\n"))
        .isInstanceOf(RejectedInputException.class)
        .hasMessage("Invalid line of length 11 since it exceeds maximum allowed length of 10");
    assertThat(feed(pp, "next\n")).as("the instance goes on").containsExactly("next");
  }

  @Test
  void overLongTrailingFragmentFailsTheWholeChunk() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertFails(
        pp,
        "abc\n01234567890123",
        "Discarded line fragment of length 14 since total length of 14 exceeds maximum allowed"
            + " length of 10");
    assertThat(pp.pendingLength()).isZero();
    assertThat(feed(pp, "x\n")).containsExactly("x");
  }

  @Test
  void failedCompletionDropsTheBufferAndTheRestOfTheChunk() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "0123456")).isEmpty();
    assertFails(
        pp,
        "7890\nabc\nde",
        "Discarded line fragment of length 4 since total length of 11 exceeds maximum allowed line"
            + " length of 10");
    assertThat(pp.pendingLength()).isZero();
    assertThat(feed(pp, "fg\n")).containsExactly("fg");
  }

  @Test
  void carriageReturnIsNotSpecial() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "a\r\nb\r\n")).containsExactly("a\r", "b\r");
  }

  @Test
  void separatorAtEveryPositionOfLongInput() throws ProcessorException {
    LinesPreprocessor pp = new LinesPreprocessor((byte) '\n', 100, true);
    for (int at = 0; at < 40; at++) {
      String input = "x".repeat(at) + "\n" + "y".repeat(39 - at);
      assertThat(feed(pp, input)).as("separator at %d", at).containsExactly("x".repeat(at));
      assertThat(finish(pp))
          .containsExactly(39 - at == 0 ? new String[0] : new String[] {"y".repeat(39 - at)});
    }
  }

  // ------------------------------------------------------------------ finish (Quiver addition)

  @Test
  void finishEmitsThePendingFragmentOnce() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "a\nbc")).containsExactly("a");
    assertThat(finish(pp)).containsExactly("bc");
    assertThat(pp.pendingLength()).isZero();
    assertThat(finish(pp)).isEmpty();
    assertThat(feed(pp, "d\n")).containsExactly("d");
  }

  @Test
  void finishWithoutPendingDataEmitsNothing() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "a\n")).containsExactly("a");
    assertThat(finish(pp)).isEmpty();
    assertThat(finish(small())).isEmpty();
  }

  @Test
  void finishAfterAFailedChunkEmitsNothing() throws ProcessorException {
    LinesPreprocessor pp = small();
    assertThat(feed(pp, "012345")).isEmpty();
    assertFails(pp, "0123456789", TOO_LONG_TO_SAVE);
    assertThat(finish(pp)).isEmpty();
  }

  // ------------------------------------------------------------------ default limit

  @Test
  void defaultLimitIsOneMebibyte() throws ProcessorException {
    LinesPreprocessor pp = (LinesPreprocessor) new LinesVariants.Lines().create();
    int max = LinesPreprocessor.DEFAULT_MAX_LENGTH;
    byte[] exactly = new byte[max + 1];
    Arrays.fill(exactly, (byte) 'a');
    exactly[max] = '\n';
    List<byte[]> out = new ArrayList<>();
    pp.process(exactly, 0, out);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).hasSize(max);

    byte[] tooLong = new byte[max + 2];
    Arrays.fill(tooLong, (byte) 'a');
    tooLong[max + 1] = '\n';
    assertThatThrownBy(() -> feed(pp, tooLong))
        .hasMessage(
            "Invalid line of length 1048577 since it exceeds maximum allowed length of 1048576");

    byte[] fragment = new byte[max + 1];
    Arrays.fill(fragment, (byte) 'a');
    assertThatThrownBy(() -> pp.process(fragment, 0, new ArrayList<>()))
        .hasMessage(
            "Discarded line fragment of length 1048577 since total length of 1048577 exceeds"
                + " maximum allowed length of 1048576");
  }

  // ------------------------------------------------------------------ unbuffered variants

  @Test
  void noBufferEmitsEveryElementIncludingTheTrailingEmptyOne() throws ProcessorException {
    LinesPreprocessor pp = (LinesPreprocessor) new LinesVariants.NoBuffer().create();
    assertThat(feed(pp, "a\nb\n")).containsExactly("a", "b", "");
    assertThat(feed(pp, "c")).containsExactly("c");
    assertThat(feed(pp, "")).containsExactly("");
    assertThat(feed(pp, "\n")).containsExactly("", "");
    assertThat(finish(pp)).isEmpty();
  }

  @Test
  void noBufferHasNoLengthLimit() throws ProcessorException {
    LinesPreprocessor pp = (LinesPreprocessor) new LinesVariants.NoBuffer().create();
    byte[] big = new byte[3 * LinesPreprocessor.DEFAULT_MAX_LENGTH];
    List<byte[]> out = new ArrayList<>();
    pp.process(big, 0, out);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).as("a chunk without separator is passed on as is").isSameAs(big);
  }

  @Test
  void crNoBufferSplitsOnCarriageReturnOnly() throws ProcessorException {
    LinesPreprocessor pp = (LinesPreprocessor) new LinesVariants.CrNoBuffer().create();
    assertThat(feed(pp, "a\rb\nc\r")).containsExactly("a", "b\nc", "");
  }

  @Test
  void unbufferedWithALimitDropsOverLongElements() throws ProcessorException {
    LinesPreprocessor pp = new LinesPreprocessor((byte) '\n', 3, false);
    List<byte[]> out = new ArrayList<>();
    assertThatThrownBy(() -> pp.process(bytes("abc\nabcd\nx"), 0, out))
        .isInstanceOf(RejectedInputException.class)
        .hasMessage("Invalid line of length 4 since it exceeds maximum allowed length of 3");
    assertThat(texts(out)).containsExactly("abc", "x");
  }
}
