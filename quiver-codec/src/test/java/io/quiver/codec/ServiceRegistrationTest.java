package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.CodecProvider;
import io.quiver.spi.PostprocessorProvider;
import io.quiver.spi.PreprocessorProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

  @Test
  void codecsAreFoundByTheirTremorNames() {
    assertThat(ServiceLoader.load(CodecProvider.class).stream().map(p -> p.get()))
        .allSatisfy(p -> assertThat(p.create().name()).isEqualTo(p.name()))
        .extracting(CodecProvider::name)
        .containsExactlyInAnyOrder(
            "string", "json", "binary", "null", "msgpack", "yaml", "influx", "binflux", "statsd",
            "syslog");
  }

  @Test
  void preprocessorsAreFoundByTheirTremorNames() {
    assertThat(ServiceLoader.load(PreprocessorProvider.class).stream().map(p -> p.get()))
        .allSatisfy(p -> assertThat(p.create().name()).isEqualTo(p.name()))
        .allSatisfy(p -> assertThat(p.create()).isNotSameAs(p.create()))
        .extracting(PreprocessorProvider::name)
        .containsExactlyInAnyOrder(
            "lines",
            "lines-null",
            "lines-pipe",
            "lines-no-buffer",
            "lines-cr-no-buffer",
            "base64",
            "gzip",
            "zlib",
            "xz2",
            "xz",
            "snappy",
            "lz4",
            "zstd",
            "decompress",
            "remove-empty",
            "gelf-chunking",
            "gelf-chunking-tcp",
            "ingest-ns",
            "length-prefixed",
            "textual-length-prefix");
  }

  @Test
  void postprocessorsAreFoundByTheirTremorNames() {
    assertThat(ServiceLoader.load(PostprocessorProvider.class).stream().map(p -> p.get()))
        .allSatisfy(p -> assertThat(p.create().name()).isEqualTo(p.name()))
        .allSatisfy(p -> assertThat(p.create()).isNotSameAs(p.create()))
        .extracting(PostprocessorProvider::name)
        .containsExactlyInAnyOrder(
            "lines",
            "base64",
            "gzip",
            "zlib",
            "xz2",
            "xz",
            "snappy",
            "lz4",
            "zstd",
            "ingest-ns",
            "length-prefixed",
            "gelf-chunking",
            "textual-length-prefix");
  }
}
