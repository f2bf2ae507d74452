package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.codec.compress.CompressionVariants;
import io.quiver.codec.framing.Base64Postprocessor;
import io.quiver.codec.framing.Base64Preprocessor;
import io.quiver.codec.lines.LinesVariants;
import io.quiver.spi.Codec;
import io.quiver.spi.Decoded;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.Serializer;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The project's shared sample data (shared/data beside the repository, never copied into it): each
 * file goes through xz2, lines, [base64] and its codec, then every value through encode and decode
 * again, and must come back equal.
 */
class SharedDataRoundTripTest {

  /** The repository root (the directory with mvnw) above the working directory, or null. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  static Path sharedData() {
    Path root = repositoryRoot();
    return root == null ? null : root.resolve("../shared/data").normalize();
  }

  static Codec codec(String name) {
    return java.util.ServiceLoader.load(io.quiver.spi.CodecProvider.class).stream()
        .map(java.util.ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .create();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "data.json.xz,     json,    false, 100",
    "data.msgpack.xz,  msgpack, true,  100",
    "data.influx.xz,   influx,  false, 108",
    "data.binflux.xz,  binflux, true,  108",
  })
  void decodeEncodeDecodeGivesEqualValues(
      String file, String codecName, boolean base64, int expected) throws Exception {
    Path data = sharedData();
    Path path = data == null ? null : data.resolve(file);
    assumeTrue(
        path != null && Files.isReadable(path),
        "shared data " + file + " not found beside the repository: skipped");

    List<Preprocessor> chain = new ArrayList<>();
    chain.add(new CompressionVariants.Xz2Pre().create());
    chain.add(new LinesVariants.Lines().create());
    if (base64) {
      chain.add(new Base64Preprocessor());
    }
    Codec codec = codec(codecName);
    Deserializer in = new Deserializer(chain, codec);
    List<Decoded> decoded = new ArrayList<>();
    in.deserialize(Files.readAllBytes(path), 1, true, decoded);

    assertThat(decoded)
        .hasSize(expected)
        .allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.Ok.class));
    Serializer out = new Serializer(codec, base64 ? List.of(new Base64Postprocessor()) : List.of());
    Deserializer again =
        new Deserializer(base64 ? List.of(new Base64Preprocessor()) : List.of(), codec(codecName));
    for (Decoded d : decoded) {
      Value v = ((Decoded.Ok) d).value();
      List<byte[]> frames = out.serialize(v, 1);
      assertThat(frames).hasSize(1);
      List<Decoded> back = new ArrayList<>();
      again.deserialize(frames.get(0), 1, true, back);
      assertThat(back).containsExactly(new Decoded.Ok(v));
    }
  }
}
