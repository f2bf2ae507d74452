package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlCodecTest {
  private final YamlCodec codec = new YamlCodec();

  private Value decode(String yaml) throws Exception {
    return codec.decode(yaml.getBytes(StandardCharsets.UTF_8), 0).orElseThrow();
  }

  private String encode(Value v) {
    return new String(codec.encode(v), StandardCharsets.UTF_8);
  }

  @Test
  void encodesLikeSerdeYaml() {
    assertThat(encode(Value.obj("snot", Value.of("badger")))).isEqualTo("---\nsnot: badger\n");
    assertThat(
            encode(
                Value.obj(
                    "a",
                    Value.array(Value.of(1), Value.of(1.5)),
                    "b",
                    Value.NULL,
                    "c",
                    Value.TRUE)))
        .isEqualTo("---\na:\n  - 1\n  - 1.5\nb: ~\nc: true\n");
    assertThat(encode(Value.of("yes"))).isEqualTo("---\n\"yes\"\n");
    assertThat(encode(Value.of(new byte[] {1, (byte) 255}))).isEqualTo("---\n- 1\n- 255\n");
  }

  @Test
  void decodesTheCoreSchema() throws Exception {
    assertThat(decode("a: 1\nb: -2.5\nc: true\nd: ~\ne: text\nf: '1'\ng: [1, {x: y}]\n"))
        .isEqualTo(
            Json.parse(
                "{\"a\":1,\"b\":-2.5,\"c\":true,\"d\":null,\"e\":\"text\",\"f\":\"1\",\"g\":[1,{\"x\":\"y\"}]}"));
    assertThat(decode("0x10")).isEqualTo(Value.of(16));
    assertThat(decode("123456789012345678901234567890")).isEqualTo(Value.of(1.2345678901234568e29));
    assertThat(decode("!!binary AQI=")).isEqualTo(Value.of(new byte[] {1, 2}));
    assertThat(decode("1: a\ntrue: b"))
        .isEqualTo(Value.obj("1", Value.of("a"), "true", Value.of("b")));
    assertThat(decode("--- 5\n...\n")).isEqualTo(Value.of(5));
  }

  @Test
  void keepsDocumentOrder() throws Exception {
    assertThat(Json.write(decode("z: 1\na: 2\nm: 3"))).isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> decode("")).hasMessage("Invalid YAML data: EOF while parsing a value");
    assertThatThrownBy(() -> decode("a: 1\n---\nb: 2\n"))
        .hasMessage(
            "Invalid YAML data: deserializing from YAML containing more than one document is not supported");
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff}, 0))
        .hasMessage("Invalid YAML data: invalid utf-8 sequence of 1 bytes from index 0");
    assertThatThrownBy(() -> decode("[a: 1]: x"))
        .hasMessage("Invalid YAML data: mapping keys must be scalars, found a sequence");
    assertThatThrownBy(() -> decode("a: [1, 2"))
        .hasMessageStartingWith(
            "Invalid YAML data: while parsing a flow sequence\n in chunk, line 1, column 4");
  }

  @Test
  void duplicateKeysAreRefusedLikeSerdeYaml() {
    assertThatThrownBy(() -> decode("a: 1\nb: 2\na: 3\n"))
        .hasMessage("Invalid YAML data: duplicate entry with key \"a\" at line 3 column 1");
    assertThatThrownBy(() -> decode("x: {k: 1, k: 2}"))
        .hasMessage("Invalid YAML data: duplicate entry with key \"k\" at line 1 column 11");
    assertThatThrownBy(() -> decode("- 1: a\n  1: b\n"))
        .hasMessage("Invalid YAML data: duplicate entry with key 1 at line 2 column 3");
  }

  @Test
  void aSurrogatePairAcrossTheReadBufferEndDecodes() throws Exception {
    // snakeyaml-engine's 1024-char buffer: a pair straddling its end threw IndexOutOfBounds
    for (int pad = 1010; pad < 1030; pad++) {
      String text = "a".repeat(pad) + "\uD834\uDD1E b";
      assertThat(decode("k: " + text)).as("pad %d", pad).isEqualTo(Value.obj("k", Value.of(text)));
    }
  }

  @Test
  void roundTripsRandomValues() throws Exception {
    RandomValues random = new RandomValues(11, false);
    for (int i = 0; i < 300; i++) {
      Value v = random.next(4);
      assertThat(codec.decode(codec.encode(v), 0)).as(encode(v)).contains(v);
    }
  }

  private static final String PY_LOAD =
      "import sys, json, yaml\n"
          + "for doc in sys.stdin.read().split('\\0'):\n"
          + "    if doc:\n"
          + "        sys.stdout.write(json.dumps(yaml.safe_load(doc), ensure_ascii=False, separators=(',', ':')) + '\\n')\n";
  private static final String PY_DUMP =
      "import sys, json, yaml\n"
          + "for line in sys.stdin:\n"
          + "    sys.stdout.write(yaml.safe_dump(json.loads(line), allow_unicode=True, sort_keys=False) + '\\0')\n";

  /**
   * PyYAML (Debian python3-yaml) as the independent reference; skipped with a message when absent.
   */
  @Test
  void pyYamlAgreesBothWays() throws Exception {
    String python = Python.withModule("yaml", "python3-yaml");
    RandomValues random = new RandomValues(13, false);
    List<Value> values = new ArrayList<>();
    StringBuilder ours = new StringBuilder();
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      Value v = random.next(3);
      values.add(v);
      ours.append(encode(v)).append('\0');
      json.append(Json.write(v)).append('\n');
    }
    String[] loaded =
        new String(
                Python.run(python, PY_LOAD, ours.toString().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)
            .split("\n");
    String[] dumped =
        new String(
                Python.run(python, PY_DUMP, json.toString().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)
            .split("\0");
    assertThat(loaded).hasSize(values.size());
    assertThat(dumped).hasSize(values.size());
    for (int i = 0; i < values.size(); i++) {
      assertThat(Json.parse(loaded[i]))
          .as("PyYAML loaded our %s", encode(values.get(i)))
          .isEqualTo(values.get(i));
      assertThat(decode(dumped[i])).as("we loaded PyYAML's %s", dumped[i]).isEqualTo(values.get(i));
    }
  }
}
