package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.testkit.SmallStack;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested input is a decode error with the place and the bound, never a StackOverflowError,
 * on a thread with the JVM's default 1 MiB stack (a Netty event loop's); input at the bound
 * decodes, and the value it gives can be encoded and compared on such a thread.
 */
class DeepInputTest {

  private static Object decode(Codec codec, byte[] data) throws InterruptedException {
    return SmallStack.run(() -> codec.decode(data, 0).orElseThrow());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String flow(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /**
   * A mapping nested {@code depth} levels deep in block style: {@code a:} indented ever further.
   */
  private static String block(int depth) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth - 1; i++) {
      out.append("  ".repeat(i)).append("a:\n");
    }
    return out.append("  ".repeat(depth - 1)).append("a: 1\n").toString();
  }

  /** The outcome is a decode error with exactly {@code message}. */
  private static void assertRefused(Object outcome, String message) {
    assertThat(outcome)
        .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e).hasMessage(message));
  }

  @Test
  void yamlDeeperThanTheBoundIsRefusedWithItsPlace() throws Exception {
    YamlCodec yaml = new YamlCodec();

    assertRefused(
        decode(yaml, utf8(flow(100_000))),
        "Invalid YAML data: recursion limit exceeded: more than 128"
            + " nested sequences and mappings are not supported at line 1 column 129");
    assertRefused(
        decode(yaml, utf8(block(3000))),
        "Invalid YAML data: recursion limit exceeded: more than 128"
            + " nested sequences and mappings are not supported at line 129 column 257");
    assertThat(decode(yaml, utf8(flow(129)))).isInstanceOf(CodecException.class);
  }

  @Test
  void yamlAtTheBoundDecodes() throws Exception {
    YamlCodec yaml = new YamlCodec();

    assertThat(decode(yaml, utf8(flow(128)))).isInstanceOf(Value.Arr.class);
    assertThat(decode(yaml, utf8(block(128)))).isInstanceOf(Value.Obj.class);
  }

  @Test
  void jsonDeeperThanTheBoundIsRefusedWithItsOffset() throws Exception {
    JsonCodec json = new JsonCodec();

    assertRefused(
        decode(json, utf8(flow(100_000))),
        "SIMD JSON error: NestingTooDeep at character 512 ('['):"
            + " more than 512 nested arrays/objects are not supported");
  }

  @Test
  void msgpackDeeperThanTheBoundIsRefused() throws Exception {
    ByteArrayOutputStream deep = new ByteArrayOutputStream();
    for (int i = 0; i < 100_000; i++) {
      deep.write(0x91); // fixarray of one element
    }
    deep.write(0xc0);

    assertThat(decode(new MsgpackCodec(), deep.toByteArray()))
        .isInstanceOfSatisfying(
            CodecException.class,
            e ->
                assertThat(e)
                    .hasMessageStartingWith(
                        "Invalid MessagePack data: nesting deeper than 512 levels"));
  }

  @Test
  void valuesAtTheBoundDecodeEncodeAndCompareOnASmallStack() throws Exception {
    String text = flow(Json.MAX_DEPTH);
    Object outcome =
        SmallStack.run(
            () -> {
              Value a = new JsonCodec().decode(utf8(text), 0).orElseThrow();
              Value b = new MsgpackCodec().decode(new MsgpackCodec().encode(a), 0).orElseThrow();
              return a.equals(b) && a.hashCode() == b.hashCode() && Json.write(b).equals(text);
            });

    assertThat(outcome).isEqualTo(true);
  }
}
