package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinfluxCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private final BinfluxCodec codec = new BinfluxCodec();

  private static final Value POINT =
      Value.obj(
          "measurement", Value.of("m"),
          "tags", Value.obj("t", Value.of("v")),
          "fields",
              Value.obj(
                  "i",
                  Value.of(-2),
                  "f",
                  Value.of(1.5),
                  "s",
                  Value.of("x"),
                  "y",
                  Value.TRUE,
                  "n",
                  Value.FALSE),
          "timestamp", Value.of(258));

  /** version, "m", ts 258, 1 tag t=v, 5 fields: i i64 -2, f f64 1.5, s str x, y true, n false. */
  private static final String BYTES =
      "0000"
          + "00016d"
          + "0000000000000102"
          + "0001"
          + "000174"
          + "000176"
          + "0005"
          + "000169"
          + "00"
          + "fffffffffffffffe"
          + "000166"
          + "01"
          + "3ff8000000000000"
          + "000173"
          + "02"
          + "000178"
          + "000179"
          + "03"
          + "00016e"
          + "04";

  @Test
  void byteTable() throws Exception {
    assertThat(HEX.formatHex(codec.encode(POINT))).isEqualTo(BYTES);
    assertThat(codec.decode(HEX.parseHex(BYTES), 0)).contains(POINT);
  }

  @Test
  void everyTruncationIsAnErrorWithItsPlace() {
    byte[] full = HEX.parseHex(BYTES);
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      assertThatThrownBy(() -> codec.decode(cut, 0))
          .as("cut at %d", n)
          .hasMessageStartingWith(
              "Invalid BInflux Line Protocol data: the data ends at byte " + n + " in the ");
    }
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(full, 5), 0))
        .hasMessage(
            "Invalid BInflux Line Protocol data: the data ends at byte 5 in the timestamp (8 bytes needed at byte 5)");
  }

  @Test
  void decodeErrors() {
    assertThatThrownBy(() -> codec.decode(HEX.parseHex("0001"), 0))
        .hasMessage("Invalid BInflux Line Protocol data: invalid version");
    assertThatThrownBy(() -> codec.decode(HEX.parseHex("0000" + "0001ff"), 0))
        .hasMessage(
            "Invalid BInflux Line Protocol data: the measurement at byte 4 is not UTF-8: invalid utf-8 sequence of 1"
                + " bytes from index 0");
    assertThatThrownBy(
            () ->
                codec.decode(
                    HEX.parseHex(
                        "0000" + "00016d" + "0000000000000001" + "0000" + "0001" + "000166" + "07"),
                    0))
        .hasMessage("Invalid BInflux Line Protocol data: unknown type 7 of field \"f\" at byte 20");
  }

  @Test
  void encodeErrors() {
    assertThatThrownBy(() -> codec.encode(Value.obj("timestamp", Value.of(1))))
        .hasMessage("Invalid BInflux Line Protocol data: measurement missing");
    assertThatThrownBy(() -> codec.encode(Value.obj("measurement", Value.of("m"))))
        .hasMessage("Invalid BInflux Line Protocol data: timestamp missing");
    assertThatThrownBy(
            () -> codec.encode(Value.obj("measurement", Value.of("m"), "timestamp", Value.of(-1))))
        .hasMessage("Invalid BInflux Line Protocol data: timestamp missing");
    assertThatThrownBy(
            () ->
                codec.encode(
                    Value.obj(
                        "measurement", Value.of("x".repeat(65536)), "timestamp", Value.of(1))))
        .hasMessage("Invalid BInflux Line Protocol data: string too long");
    assertThatThrownBy(
            () ->
                codec.encode(
                    Value.obj(
                        "measurement",
                        Value.of("m"),
                        "timestamp",
                        Value.of(1),
                        "fields",
                        Value.obj("a", Value.NULL))))
        .hasMessage("Invalid BInflux Line Protocol data: Unknown type as influx line value: Null");
  }

  @Test
  void onlyStringTagsAreWrittenAndCounted() throws Exception {
    Value v =
        Value.obj(
            "measurement",
            Value.of("m"),
            "timestamp",
            Value.of(1),
            "tags",
            Value.obj("a", Value.of(1), "b", Value.of("c")));
    assertThat(codec.decode(codec.encode(v), 0).orElseThrow())
        .isEqualTo(
            Value.obj(
                "measurement",
                Value.of("m"),
                "tags",
                Value.obj("b", Value.of("c")),
                "fields",
                Value.obj(),
                "timestamp",
                Value.of(1)));
  }
}
