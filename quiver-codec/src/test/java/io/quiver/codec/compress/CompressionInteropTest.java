package io.quiver.codec.compress;

import static io.quiver.codec.compress.CommandLineTool.assumeInstalled;
import static io.quiver.codec.compress.CommandLineTool.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.ProcessorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quiver's compressors against the reference command-line tools (Debian packages gzip, xz-utils,
 * lz4, zstd): what the tools compress Quiver decompresses, what Quiver compresses the tools
 * decompress. Skipped with a message when a tool is missing.
 */
class CompressionInteropTest {

  record Tool(Compression format, String debianPackage, String[] compress, String[] decompress) {
    @Override
    public String toString() {
      return compress[0];
    }
  }

  static Stream<Tool> tools() {
    return Stream.of(
        new Tool(
            Compression.GZIP,
            "gzip",
            new String[] {"gzip", "-c", "-6"},
            new String[] {"gzip", "-dc"}),
        new Tool(
            Compression.XZ,
            "xz-utils",
            new String[] {"xz", "-c", "-6"},
            new String[] {"xz", "-dc"}),
        new Tool(
            Compression.LZ4, "lz4", new String[] {"lz4", "-c", "-9"}, new String[] {"lz4", "-dc"}),
        new Tool(
            Compression.ZSTD,
            "zstd",
            new String[] {"zstd", "-c", "-q", "-19"},
            new String[] {"zstd", "-dc", "-q"}));
  }

  static Stream<Arguments> toolsAndPayloads() {
    return tools().flatMap(t -> payloads().map(p -> Arguments.of(t, p.getKey(), p.getValue())));
  }

  static Stream<java.util.Map.Entry<String, byte[]>> payloads() {
    byte[] random = new byte[300_000];
    new Random(42).nextBytes(random);
    return Stream.of(
        java.util.Map.entry("empty", new byte[0]),
        java.util.Map.entry("one byte", new byte[] {'x'}),
        java.util.Map.entry(
            "text", "{\"snot\":\"badger\"}\n".repeat(20_000).getBytes(StandardCharsets.UTF_8)),
        java.util.Map.entry("random", random));
  }

  @ParameterizedTest(name = "{0} compresses {1}, Quiver decompresses")
  @MethodSource("toolsAndPayloads")
  void quiverDecompressesWhatTheToolCompressed(Tool tool, String label, byte[] payload)
      throws Exception {
    assumeInstalled(tool.compress()[0], tool.debianPackage());
    byte[] packed = filter(payload, tool.compress());
    List<byte[]> out = new ArrayList<>();
    new DecompressingPreprocessor(
            "pre", tool.format(), DecompressingPreprocessor.DEFAULT_MAX_OUTPUT)
        .process(packed, 0, out);
    assertThat(out).containsExactly(payload);
    // and by magic bytes
    out.clear();
    new CompressionVariants.DecompressPre().create().process(packed, 0, out);
    assertThat(out).containsExactly(packed.length >= 6 ? payload : packed);
  }

  @ParameterizedTest(name = "Quiver compresses {1}, {0} decompresses")
  @MethodSource("toolsAndPayloads")
  void theToolDecompressesWhatQuiverCompressed(Tool tool, String label, byte[] payload)
      throws Exception {
    assumeInstalled(tool.decompress()[0], tool.debianPackage());
    List<byte[]> out = new ArrayList<>();
    new CompressingPostprocessor("post", tool.format()).process(payload, 0, out);
    assertThat(filter(out.get(0), tool.decompress())).isEqualTo(payload);
  }

  @ParameterizedTest(name = "{0}: concatenated streams are one")
  @MethodSource("tools")
  void concatenatedStreamsFromTheToolAreOneChunk(Tool tool) throws Exception {
    assumeInstalled(tool.compress()[0], tool.debianPackage());
    byte[] a = filter("first\n".getBytes(StandardCharsets.UTF_8), tool.compress());
    byte[] b = filter("second\n".getBytes(StandardCharsets.UTF_8), tool.compress());
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(new String(filter(both, tool.decompress()), StandardCharsets.UTF_8))
        .isEqualTo("first\nsecond\n");
    List<byte[]> out = new ArrayList<>();
    try {
      new DecompressingPreprocessor("pre", tool.format(), 1 << 20).process(both, 0, out);
    } catch (ProcessorException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    assertThat(out).hasSize(1);
    assertThat(new String(out.get(0), StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
  }
}
