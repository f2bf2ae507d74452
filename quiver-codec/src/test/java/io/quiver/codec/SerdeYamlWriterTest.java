package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

/**
 * serde_yaml 0.8's output, as Tremor 0.11's yaml codec writes it (the shapes of Tremor's
 * udp_postprocessors expected.txt: sequences under keys indented, long strings on one line).
 */
class SerdeYamlWriterTest {
  private static String yaml(String json) throws Exception {
    return SerdeYamlWriter.write(Json.parse(json));
  }

  @Test
  void sequencesUnderKeysAreIndentedAndLongStringsStayOnOneLine() throws Exception {
    String long80 = "word ".repeat(30).strip();
    assertThat(yaml("{\"about\":\"" + long80 + "\",\"tags\":[\"a\",\"b\"],\"n\":{\"x\":[1]}}"))
        .isEqualTo("---\nabout: " + long80 + "\ntags:\n  - a\n  - b\nn:\n  x:\n    - 1\n");
  }

  @Test
  void collectionsInsideSequencesStartOnTheDashLine() throws Exception {
    assertThat(yaml("[[1,2],{\"a\":1,\"b\":2},[],{}]"))
        .isEqualTo("---\n- - 1\n  - 2\n- a: 1\n  b: 2\n- []\n- {}\n");
    assertThat(yaml("{\"e\":[],\"o\":{}}")).isEqualTo("---\ne: []\no: {}\n");
  }

  @Test
  void scalarsAtTheTopGoOnTheirOwnLine() throws Exception {
    assertThat(yaml("1")).isEqualTo("---\n1\n");
    assertThat(yaml("null")).isEqualTo("---\n~\n");
    assertThat(yaml("\"text\"")).isEqualTo("---\ntext\n");
    assertThat(SerdeYamlWriter.write(Value.of(2.5))).isEqualTo("---\n2.5\n");
  }

  @Test
  void stringsAreDoubleQuotedWhenYamlRustWouldQuoteThem() throws Exception {
    for (String quoted :
        new String[] {
          "", " lead", "trail ", "-dash", "*star", "a: b", "a#b", "it's", "yes", "Off", "null",
          "~", ".hidden", "0x1F", "12", "-3", "1.5", "1e5", "inf", "NaN", "[x]", "tab\there"
        }) {
      assertThat(SerdeYamlWriter.needsQuotes(quoted)).as(quoted).isTrue();
    }
    for (String bare : new String[] {"y", "n", "a-b", "hello world", "v1.2", "x:", "1_000"}) {
      assertThat(SerdeYamlWriter.needsQuotes(bare)).as(bare).isEqualTo(bare.equals("x:"));
    }
    assertThat(yaml("{\"k\":\"say \\\"hi\\\"\\n\"}")).isEqualTo("---\nk: \"say \\\"hi\\\"\\n\"\n");
    assertThat(yaml("{\"1\":\"\\u0001\"}")).isEqualTo("---\n\"1\": \"\\u0001\"\n");
  }

  @Test
  void bytesAreASequenceOfIntegers() {
    assertThat(SerdeYamlWriter.write(Value.of(new byte[] {1, (byte) 255})))
        .isEqualTo("---\n- 1\n- 255\n");
  }
}
