package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.codec.compress.CompressionVariants;
import io.quiver.codec.framing.Base64Postprocessor;
import io.quiver.codec.framing.GelfChunkingPreprocessor;
import io.quiver.codec.lines.LinesVariants;
import io.quiver.spi.Codec;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.Preprocessor;
import org.junit.jupiter.api.Test;

/** The named providers: the registered name, and a new instance per {@code create()}. */
class NamedProvidersTest {

  @Test
  void aCodecProviderGivesItsNameAndAFreshCodecEachTime() {
    NamedCodecProvider p = new JsonCodec.Provider();
    assertThat(p.name()).isEqualTo("json");
    Codec a = p.create();
    assertThat(a).isInstanceOf(JsonCodec.class);
    assertThat(p.create()).isNotSameAs(a);
  }

  @Test
  void aPreprocessorProviderPassesItsArgumentsToEveryInstance() {
    NamedPreprocessorProvider tcp = new GelfChunkingPreprocessor.TcpProvider();
    assertThat(tcp.name()).isEqualTo("gelf-chunking-tcp");
    Preprocessor a = tcp.create();
    assertThat(a.name()).isEqualTo("gelf-chunking-tcp");
    assertThat(tcp.create()).isNotSameAs(a);
    assertThat(new LinesVariants.Pipe().create().name()).isEqualTo("lines-pipe");
    assertThat(new CompressionVariants.ZstdPre().create().name()).isEqualTo("zstd");
  }

  @Test
  void aPostprocessorProviderGivesItsNameAndAFreshPostprocessorEachTime() {
    NamedPostprocessorProvider p = new Base64Postprocessor.Provider();
    assertThat(p.name()).isEqualTo("base64");
    Postprocessor a = p.create();
    assertThat(a).isInstanceOf(Base64Postprocessor.class);
    assertThat(p.create()).isNotSameAs(a);
    assertThat(new CompressionVariants.Xz2Post().create().name()).isEqualTo("xz2");
  }
}
