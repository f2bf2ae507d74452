package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.CodecException;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsgpackCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private final MsgpackCodec codec = new MsgpackCodec();

  private Value decode(String hex) throws CodecException {
    return codec.decode(HEX.parseHex(hex), 0).orElseThrow();
  }

  private String encode(Value v) throws CodecException {
    return HEX.formatHex(codec.encode(v));
  }

  /** Byte tables from the MessagePack specification (spec.md, formats). */
  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "null                 | c0",
        "false                | c2",
        "true                 | c3",
        "0                    | 00",
        "127                  | 7f",
        "128                  | cc80",
        "255                  | ccff",
        "256                  | cd0100",
        "65536                | ce00010000",
        "4294967296           | cf0000000100000000",
        "9223372036854775807  | cf7fffffffffffffff",
        "-1                   | ff",
        "-32                  | e0",
        "-33                  | d0df",
        "-129                 | d1ff7f",
        "-32769               | d2ffff7fff",
        "-2147483649          | d3ffffffff7fffffff",
        "-9223372036854775808 | d38000000000000000",
        "1.5                  | cb3ff8000000000000",
        "'\"\"'               | a0",
        "'\"a\"'              | a161",
        "[]                   | 90",
        "[1,[2]]              | 920191" + "02",
        "{}                   | 80",
        "'{\"a\":1,\"b\":null}' | 82a16101a162c0",
      })
  void specificationByteTable(String json, String hex) throws Exception {
    Value v = Json.parse(json.strip());
    assertThat(encode(v)).isEqualTo(hex.strip());
    assertThat(decode(hex.strip())).isEqualTo(v);
  }

  @Test
  void longerFormsDecodeToo() throws Exception {
    assertThat(decode("d9016a")).isEqualTo(Value.of("j")); // str8
    assertThat(decode("da00016a")).isEqualTo(Value.of("j")); // str16
    assertThat(decode("dc000101")).isEqualTo(Value.array(Value.of(1))); // array16
    assertThat(decode("de0001a16101")).isEqualTo(Value.obj("a", Value.of(1))); // map16
    assertThat(decode("ca3fc00000")).isEqualTo(Value.of(1.5)); // float32
    assertThat(decode("d000")).isEqualTo(Value.of(0)); // int8 0
  }

  @Test
  void strStrLongerThanFixstrUsesStr8() throws Exception {
    assertThat(encode(Value.of("x".repeat(32)))).startsWith("d920");
  }

  @Test
  void bytesAreBin() throws Exception {
    assertThat(encode(Value.of(new byte[] {1, 2}))).isEqualTo("c4020102");
    assertThat(decode("c4020102")).isEqualTo(Value.of(new byte[] {1, 2}));
    assertThat(decode("c5000101")).isEqualTo(Value.of(new byte[] {1}));
  }

  @Test
  void unsignedBeyondLongBecomesAFloat() throws Exception {
    assertThat(decode("cfffffffffffffffff")).isEqualTo(Value.of(18446744073709551615.0));
    assertThat(decode("cf8000000000000000")).isEqualTo(Value.of(9223372036854775808.0));
  }

  @Test
  void invalidUtf8InAStrBecomesBytes() throws Exception {
    assertThat(decode("a2c328")).isEqualTo(Value.of(new byte[] {(byte) 0xc3, 0x28}));
  }

  @Test
  void trailingBytesAfterTheFirstValueAreIgnoredAsInTremor() throws Exception {
    assertThat(decode("01c0")).isEqualTo(Value.of(1));
  }

  @Test
  void recordsKeepTheirFieldOrder() throws Exception {
    Value v = Value.obj("z", Value.of(1), "a", Value.of(2), "m", Value.of(3));
    assertThat(codec.decode(codec.encode(v), 0)).contains(v);
    assertThat(Json.write(codec.decode(codec.encode(v), 0).orElseThrow()))
        .isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
  }

  @Test
  void exactErrors() {
    assertThatThrownBy(() -> decode(""))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "Invalid MessagePack data: the data ends in the middle of a value (truncated?)");
    assertThatThrownBy(() -> decode("92 01".replace(" ", "")))
        .hasMessage(
            "Invalid MessagePack data: the data ends in the middle of a value (truncated?)");
    assertThatThrownBy(() -> decode("a3 6162".replace(" ", "")))
        .hasMessage(
            "Invalid MessagePack data: the data ends in the middle of a value (truncated?)");
    assertThatThrownBy(() -> decode("8101c0"))
        .hasMessage("Invalid MessagePack data: map key 1 is integer, expected a string");
    assertThatThrownBy(() -> decode("d40102"))
        .hasMessage("Invalid MessagePack data: extension type 1 at byte 0 is not supported");
    assertThatThrownBy(() -> decode("c1")).hasMessageStartingWith("Invalid MessagePack data: ");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String hex = "91".repeat(5000) + "c0";
    assertThatThrownBy(() -> decode(hex))
        .hasMessage("Invalid MessagePack data: nesting deeper than 512 levels");
  }
}
