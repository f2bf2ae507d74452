package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The null codec and the built-in mime map. */
class SmallCodecsTest {

  @Test
  void nullCodecDecodesEveryChunkToNullAndEncodesNothing() throws Exception {
    NullCodec codec = new NullCodec();
    assertThat(codec.decode(new byte[] {1, 2}, 0)).contains(Value.NULL);
    assertThat(codec.decode(new byte[0], 0)).contains(Value.NULL);
    assertThat(codec.encode(Value.obj("a", Value.of(1)))).isEmpty();
  }

  @Test
  void builtinMimeMapIsTremors() {
    assertThat(MimeCodecs.builtin())
        .containsExactly(
            java.util.Map.entry("application/json", "json"),
            java.util.Map.entry("application/yaml", "yaml"),
            java.util.Map.entry("text/plain", "string"),
            java.util.Map.entry("text/html", "string"),
            java.util.Map.entry("application/msgpack", "msgpack"),
            java.util.Map.entry("application/x-msgpack", "msgpack"),
            java.util.Map.entry("application/vnd.msgpack", "msgpack"),
            java.util.Map.entry("application/octet-stream", "binary"));
  }

  @Test
  void everyMappedCodecIsRegistered() {
    var registered =
        ServiceLoader.load(io.quiver.spi.CodecProvider.class).stream()
            .map(p -> p.get().name())
            .toList();
    assertThat(registered).containsAll(MimeCodecs.builtin().values());
  }

  @Test
  void contentTypesIgnoreParametersAndCase() {
    assertThat(MimeCodecs.forContentType("Application/JSON; charset=utf-8")).contains("json");
    assertThat(MimeCodecs.forContentType("text/csv")).isEmpty();
    assertThat(MimeCodecs.forContentType(null)).isEmpty();
    assertThat(MimeCodecs.notFoundMessage("application/badger"))
        .isEqualTo("No codec found for mime type 'application/badger'");
  }
}
