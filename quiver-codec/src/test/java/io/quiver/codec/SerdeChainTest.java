package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.codec.lines.LinesPostprocessor;
import io.quiver.codec.lines.LinesPreprocessor;
import io.quiver.codec.lines.LinesVariants;
import io.quiver.spi.Decoded;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SPI's Deserializer/Serializer driven by the real codecs and lines processors. */
class SerdeChainTest {

  private static Deserializer linesThen(io.quiver.spi.Codec codec) {
    return new Deserializer(List.of(new LinesVariants.Lines().create()), codec);
  }

  private static List<Decoded> run(Deserializer d, String input, boolean flush) {
    List<Decoded> out = new ArrayList<>();
    d.deserialize(input.getBytes(StandardCharsets.UTF_8), 0, flush, out);
    return out;
  }

  private static Decoded ok(String s) {
    return new Decoded.Ok(Value.of(s));
  }

  @Test
  void theIngestNsPreprocessorSetsTheIngestTimeOfWhatItCarried() {
    Deserializer d =
        new Deserializer(
            List.of(new io.quiver.codec.framing.IngestNsPreprocessor()), new StringCodec());
    List<Decoded> out = new ArrayList<>();
    byte[] stamped = new byte[9];
    java.nio.ByteBuffer.wrap(stamped).putLong(42L).put((byte) 'x');
    d.deserialize(stamped, 7, false, out);
    assertThat(out).containsExactly(new Decoded.Ok(Value.of("x"), java.util.OptionalLong.of(42)));

    out.clear();
    linesThen(new StringCodec()).deserialize("y\n".getBytes(StandardCharsets.UTF_8), 7, false, out);
    assertThat(out).as("no preprocessor changed it").containsExactly(ok("y"));
  }

  @Test
  void oneValuePerLine() {
    assertThat(run(linesThen(new StringCodec()), "a\nb\nc\n", false))
        .containsExactly(ok("a"), ok("b"), ok("c"));
  }

  @Test
  void aDecodeFailureFailsOnlyItsLine() {
    assertThat(run(linesThen(new JsonCodec()), "{\"a\":1}\nnope\n[2]\n", false))
        .containsExactly(
            new Decoded.Ok(Value.obj("a", Value.of(1))),
            new Decoded.Failed("SIMD JSON error: ExpectedNull at character 0 ('n')"),
            new Decoded.Ok(Value.array(Value.of(2))));
  }

  @Test
  void anEmptyLineIsAnEmptyJsonDocument() {
    assertThat(run(linesThen(new JsonCodec()), "\n", false))
        .containsExactly(
            new Decoded.Failed("SIMD JSON error: Eof at character 0 ('\uD83D\uDCA9')"));
  }

  @Test
  void aPreprocessorFailureIsOneErrorAndNoValues() {
    byte[] input = new byte[3 + LinesPreprocessor.DEFAULT_MAX_LENGTH + 1];
    Arrays.fill(input, (byte) 'x');
    input[1] = '\n';
    Deserializer d = linesThen(new StringCodec());
    List<Decoded> out = new ArrayList<>();
    d.deserialize(input, 0, false, out);
    assertThat(out)
        .containsExactly(
            new Decoded.Failed(
                "Discarded line fragment of length 1048578 since total length of 1048578 exceeds"
                    + " maximum allowed length of 1048576"));
    assertThat(run(d, "after\n", false)).containsExactly(ok("after"));
  }

  @Test
  void aCompleteLineOverTheLimitIsAnErrorOfItsOwnAndTheOtherLinesGoOn() {
    byte[] input =
        new byte[2 + LinesPreprocessor.DEFAULT_MAX_LENGTH + 1 + 1 + 4]; // a, too long, bxx
    Arrays.fill(input, (byte) 'x');
    input[0] = 'a';
    input[1] = '\n';
    input[input.length - 5] = '\n';
    input[input.length - 4] = 'b';
    input[input.length - 1] = '\n';
    List<Decoded> out = new ArrayList<>();
    linesThen(new StringCodec()).deserialize(input, 0, false, out);
    assertThat(out)
        .containsExactly(
            new Decoded.Failed(
                "Invalid line of length 1048577 since it exceeds maximum allowed length of 1048576"),
            ok("a"),
            ok("bxx"));
  }

  @Test
  void flushEmitsTheTrailingFragment() {
    Deserializer d = linesThen(new StringCodec());
    assertThat(run(d, "a\nb", true)).containsExactly(ok("a"), ok("b"));
    assertThat(run(d, "c\nd", false)).containsExactly(ok("c"));
    List<Decoded> out = new ArrayList<>();
    d.finish(0, out);
    assertThat(out).containsExactly(ok("d"));
  }

  @Test
  void serializerAppendsTheLineSeparator() throws Exception {
    Serializer s = new Serializer(new JsonCodec(), List.of(new LinesPostprocessor()));
    List<byte[]> frames =
        s.serialize(Value.obj("snot", Value.of("badger"), "empty", Value.EMPTY_OBJECT), 0);
    assertThat(frames).hasSize(1);
    assertThat(new String(frames.get(0), StandardCharsets.UTF_8))
        .isEqualTo("{\"snot\":\"badger\",\"empty\":{}}\n");
  }
}
