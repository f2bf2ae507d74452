package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.codec.framing.IngestNsPreprocessor;
import io.quiver.codec.lines.LinesPreprocessor;
import io.quiver.codec.lines.LinesVariants;
import io.quiver.spi.Codec;
import io.quiver.spi.Decoded;
import io.quiver.spi.DecodedSink;
import io.quiver.spi.Deserializer;
import io.quiver.value.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sink form of {@link Deserializer#deserialize}: the same outcomes, in the same order and with
 * the same ingest times, as the list form, with and without preprocessors.
 */
class DeserializerSinkTest {
  /** What a sink was handed, as text: {@code ok <value> @<ingest>} or {@code failed <message>}. */
  private static final class Recorder implements DecodedSink {
    final List<String> seen = new ArrayList<>();

    @Override
    public void ok(Value value, long ingestNs) {
      seen.add("ok " + value + " @" + ingestNs);
    }

    @Override
    public void failed(String message) {
      seen.add("failed " + message);
    }
  }

  /** The list form's outcomes in the recorder's notation (input ingest time 7). */
  private static List<String> viaList(Deserializer d, byte[] input, boolean flush) {
    List<Decoded> out = new ArrayList<>();
    d.deserialize(input, 7, flush, out);
    return out.stream()
        .map(
            o ->
                switch (o) {
                  case Decoded.Ok ok -> "ok " + ok.value() + " @" + ok.ingestNs().orElse(7);
                  case Decoded.Failed f -> "failed " + f.message();
                })
        .toList();
  }

  private static List<String> viaSink(Deserializer d, byte[] input, boolean flush) {
    Recorder r = new Recorder();
    d.deserialize(input, 7, flush, r);
    return r.seen;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Deserializer lines(Codec codec) {
    return new Deserializer(List.of(new LinesVariants.Lines().create()), codec);
  }

  @Test
  void withoutPreprocessorsAValueOrItsErrorGoesStraightToTheSink() {
    Deserializer string = new Deserializer(List.of(), new StringCodec());
    assertThat(viaSink(string, utf8("snot"), true)).containsExactly("ok Str[value=snot] @7");
    assertThat(viaSink(string, new byte[] {(byte) 0xff}, true))
        .containsExactly("failed invalid utf-8 sequence of 1 bytes from index 0")
        .isEqualTo(viaList(string, new byte[] {(byte) 0xff}, true));
    Deserializer json = new Deserializer(List.of(), new JsonCodec());
    assertThat(viaSink(json, utf8("{\"a\":1}"), true))
        .hasSize(1)
        .isEqualTo(viaList(json, utf8("{\"a\":1}"), true));
    assertThat(viaSink(json, utf8("nope"), true)).singleElement().asString().startsWith("failed ");
  }

  @Test
  void withPreprocessorsTheSinkSeesWhatTheListWouldHoldInOrder() {
    byte[] input = utf8("{\"a\":1}\nnope\n[2]\ntail");
    assertThat(viaSink(lines(new JsonCodec()), input, true))
        .hasSize(4)
        .isEqualTo(viaList(lines(new JsonCodec()), input, true));
  }

  @Test
  void aPreprocessorFailureIsOneErrorOnly() {
    byte[] input = new byte[3 + LinesPreprocessor.DEFAULT_MAX_LENGTH + 1];
    Arrays.fill(input, (byte) 'x');
    input[1] = '\n';
    assertThat(viaSink(lines(new StringCodec()), input, false))
        .containsExactly(
            "failed Discarded line fragment of length 1048578 since total length of 1048578"
                + " exceeds maximum allowed length of 1048576");
  }

  @Test
  void anIngestTimeSetByAPreprocessorReachesTheSink() {
    Deserializer d = new Deserializer(List.of(new IngestNsPreprocessor()), new StringCodec());
    byte[] stamped = new byte[9];
    ByteBuffer.wrap(stamped).putLong(42L).put((byte) 'x');
    assertThat(viaSink(d, stamped, false)).containsExactly("ok Str[value=x] @42");
  }

  @Test
  void whatWasDecodedBeforeACodecBrokeStillReachesTheSinkThenTheErrorPropagates() {
    Codec breaksOnB =
        new Codec() {
          @Override
          public String name() {
            return "breaks";
          }

          @Override
          public Optional<Value> decode(byte[] data, long ingestNs) {
            if (data.length == 1 && data[0] == 'b') {
              throw new IllegalStateException("broken");
            }
            return Optional.of(Value.of(new String(data, StandardCharsets.UTF_8)));
          }

          @Override
          public byte[] encode(Value value) {
            throw new UnsupportedOperationException();
          }
        };
    Recorder r = new Recorder();
    assertThatThrownBy(() -> lines(breaksOnB).deserialize(utf8("a\nb\nc\n"), 7, true, r))
        .hasMessage("broken");
    assertThat(r.seen).containsExactly("ok Str[value=a] @7");
  }

  @Test
  void whatTheSinkThrowsPropagates() {
    Deserializer string = new Deserializer(List.of(), new StringCodec());
    DecodedSink refusing =
        new DecodedSink() {
          @Override
          public void ok(Value value, long ingestNs) {
            throw new IllegalArgumentException("full");
          }

          @Override
          public void failed(String message) {}
        };
    assertThatThrownBy(() -> string.deserialize(utf8("x"), 7, true, refusing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("full");
  }

  /**
   * Input the caller checked to be UTF-8 reaches the codec's {@link Codec#decodeUtf8} only when no
   * preprocessor changes it; with preprocessors every chunk is decoded (and checked) as before.
   */
  @Test
  void checkedUtf8GoesToTheCodecsDecodeUtf8OnlyWithoutPreprocessors() {
    List<String> calls = new ArrayList<>();
    Codec codec =
        new Codec() {
          @Override
          public String name() {
            return "recording";
          }

          @Override
          public Optional<Value> decode(byte[] data, long ingestNs) {
            calls.add("decode");
            return Optional.of(Value.of(new String(data, StandardCharsets.UTF_8)));
          }

          @Override
          public Optional<Value> decodeUtf8(byte[] data, long ingestNs) {
            calls.add("decodeUtf8");
            return Optional.of(Value.of(new String(data, StandardCharsets.UTF_8)));
          }

          @Override
          public byte[] encode(Value value) {
            return new byte[0];
          }
        };
    byte[] text = "a\nb".getBytes(StandardCharsets.UTF_8);
    Recorder plain = new Recorder();
    new Deserializer(List.of(), codec).deserialize(text, 7, true, true, plain);
    assertThat(calls).containsExactly("decodeUtf8");

    calls.clear();
    Recorder unchecked = new Recorder();
    new Deserializer(List.of(), codec).deserialize(text, 7, true, false, unchecked);
    assertThat(calls).containsExactly("decode");
    assertThat(plain.seen).hasSize(1).isEqualTo(unchecked.seen);

    calls.clear();
    Recorder lines = new Recorder();
    new Deserializer(List.of(new LinesVariants.Lines().create()), codec)
        .deserialize(text, 7, true, true, lines);
    assertThat(lines.seen).hasSize(2);
    assertThat(calls).containsExactly("decode", "decode");
  }
}
