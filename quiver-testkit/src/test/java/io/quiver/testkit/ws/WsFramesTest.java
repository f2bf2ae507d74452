package io.quiver.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WsFramesTest {
  private static WsFrames.Decoded roundTrip(byte[] bytes) throws IOException {
    return WsFrames.read(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  @Test
  void aMaskedFrameReadsBackUnmaskedWithItsBits() throws IOException {
    byte[] payload = "hello".getBytes();
    byte[] wire = WsFrames.encode(RawWsClient.TEXT, false, 4, true, payload);
    assertThat(wire[0] & 0xff).isEqualTo(0x40 | RawWsClient.TEXT); // no FIN, RSV1
    assertThat(wire[1] & 0x80).isEqualTo(0x80);
    assertThat(Arrays.copyOfRange(wire, 6, wire.length)).isNotEqualTo(payload);

    WsFrames.Decoded f = roundTrip(wire);
    assertThat(f.opcode()).isEqualTo(RawWsClient.TEXT);
    assertThat(f.fin()).isFalse();
    assertThat(f.rsv()).isEqualTo(4);
    assertThat(f.masked()).isTrue();
    assertThat(f.payload()).isEqualTo(payload);
  }

  @Test
  void lengthsUseTheMinimalForm() throws IOException {
    for (int length : new int[] {0, 125, 126, 65535, 65536}) {
      byte[] payload = new byte[length];
      Arrays.fill(payload, (byte) 'x');
      byte[] wire = WsFrames.encode(RawWsClient.BINARY, true, 0, false, payload);
      int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
      assertThat(wire).as("length %d", length).hasSize(header + length);
      WsFrames.Decoded f = roundTrip(wire);
      assertThat(f.masked()).isFalse();
      assertThat(f.payload()).isEqualTo(payload);
    }
  }

  @Test
  void aGivenKeyIsUsedAsIs() {
    byte[] wire =
        WsFrames.encode(RawWsClient.TEXT, true, 0, new byte[] {1, 2, 3, 4}, new byte[] {1});
    assertThat(wire).containsExactly(0x81, 0x81, 1, 2, 3, 4, 0);
  }

  @Test
  void aFrameOverTheLimitIsRefused() {
    byte[] wire = WsFrames.encode(RawWsClient.BINARY, true, 0, false, new byte[200]);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WsFrames.read(new DataInputStream(new ByteArrayInputStream(wire)), 100))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("200 bytes");
  }
}
