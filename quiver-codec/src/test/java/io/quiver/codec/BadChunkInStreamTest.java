package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.codec.compress.CompressionVariants;
import io.quiver.codec.framing.LengthPrefixedPostprocessor;
import io.quiver.codec.framing.LengthPrefixedPreprocessor;
import io.quiver.codec.lines.LinesVariants;
import io.quiver.spi.Decoded;
import io.quiver.spi.Deserializer;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bad chunk in the middle of a stream: one error event, every good event around it. */
class BadChunkInStreamTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Decoded> feed(Deserializer d, byte[]... inputs) {
    List<Decoded> out = new ArrayList<>();
    for (byte[] input : inputs) {
      d.deserialize(input, 0, false, out);
    }
    d.finish(0, out);
    return out;
  }

  @Test
  void aCorruptCompressedMessageBetweenGoodOnes() throws Exception {
    Deserializer d =
        new Deserializer(List.of(new CompressionVariants.GzipPre().create()), new JsonCodec());
    List<byte[]> packed = new ArrayList<>();
    var post = new CompressionVariants.GzipPost().create();
    post.process(b("{\"n\":1}"), 0, packed);
    post.process(b("{\"n\":3}"), 0, packed);
    byte[] bad = Arrays.copyOf(packed.get(0), 12);
    assertThat(feed(d, packed.get(0), bad, packed.get(1)))
        .containsExactly(
            new Decoded.Ok(Value.obj("n", Value.of(1))),
            new Decoded.Failed(
                "Preprocessor gzip: invalid gzip data in a chunk of 12 bytes: the input ends before the end of the"
                    + " compressed stream (truncated?)"),
            new Decoded.Ok(Value.obj("n", Value.of(3))));
  }

  @Test
  void aBadLineAmongGoodLinesSplitAcrossReads() {
    Deserializer d =
        new Deserializer(List.of(new LinesVariants.Lines().create()), new InfluxCodec());
    byte[] stream = b("m v=1i 1\nm v=oops 2\nm v=3i 3\n");
    for (int cut = 0; cut <= stream.length; cut++) {
      List<Decoded> out =
          feed(
              d,
              Arrays.copyOfRange(stream, 0, cut),
              Arrays.copyOfRange(stream, cut, stream.length));
      assertThat(out)
          .as("cut at %d", cut)
          .containsExactly(
              new Decoded.Ok(point(1)),
              new Decoded.Failed(
                  "Invalid Influx Line Protocol data: ParseFloatError(4, invalid float literal)\nm v=oops 2"),
              new Decoded.Ok(point(3)));
    }
  }

  private static Value point(long n) {
    return Value.obj(
        "measurement",
        Value.of("m"),
        "tags",
        Value.obj(),
        "fields",
        Value.obj("v", Value.of(n)),
        "timestamp",
        Value.of(n));
  }

  @Test
  void aBadFrameAmongLengthPrefixedMessagePackFrames() throws Exception {
    MsgpackCodec codec = new MsgpackCodec();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<byte[]> frames = new ArrayList<>();
    LengthPrefixedPostprocessor post = new LengthPrefixedPostprocessor();
    post.process(codec.encode(Value.of("first")), 0, frames);
    post.process(new byte[] {(byte) 0x92, 0x01}, 0, frames); // an array of two with one element
    post.process(codec.encode(Value.of("third")), 0, frames);
    frames.forEach(stream::writeBytes);
    byte[] all = stream.toByteArray();
    for (int cut = 0; cut <= all.length; cut += 3) {
      Deserializer d = new Deserializer(List.of(new LengthPrefixedPreprocessor(1024)), codec);
      assertThat(feed(d, Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)))
          .as("cut at %d", cut)
          .containsExactly(
              new Decoded.Ok(Value.of("first")),
              new Decoded.Failed(
                  "Invalid MessagePack data: the data ends in the middle of a value (truncated?)"),
              new Decoded.Ok(Value.of("third")));
    }
  }

  @Test
  void theEndOfAStreamFlushesBufferedDataOnly() {
    List<Decoded> out = new ArrayList<>();
    new Deserializer(List.of(), new JsonCodec()).finish(0, out);
    new Deserializer(List.of(new CompressionVariants.GzipPre().create()), new JsonCodec())
        .finish(0, out);
    new Deserializer(List.of(new LinesVariants.NoBuffer().create()), new StringCodec())
        .finish(0, out);
    assertThat(out).isEmpty();
    Deserializer lines =
        new Deserializer(
            List.of(
                new LinesVariants.Lines().create(),
                new CompressionVariants.DecompressPre().create()),
            new StringCodec());
    lines.deserialize(b("a\nb"), 0, false, out);
    lines.finish(0, out);
    assertThat(out).containsExactly(new Decoded.Ok(Value.of("a")), new Decoded.Ok(Value.of("b")));
  }
}
