package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class FrameHeaderTest {
  private final FrameHeader header = new FrameHeader();

  @Test
  void readsEachLengthFormAndTheMaskWithoutConsumingTheHeader() {
    ByteBuf in = Unpooled.buffer();
    in.writeByte(0x82).writeByte(0x80 | 126).writeShort(300).writeInt(0x0A0B0C0D);
    assertThat(header.read(in)).isTrue();
    assertThat(in.readerIndex()).isZero();
    assertThat(header.fin()).isTrue();
    assertThat(header.opcode()).isEqualTo(FrameHeader.BINARY);
    assertThat(header.rsv()).isZero();
    assertThat(header.masked()).isTrue();
    assertThat(header.length()).isEqualTo(8);
    assertThat(header.payloadLength()).isEqualTo(300);
    assertThat(header.maskKey()).isEqualTo(0x0A0B0C0D);
    assertThat(header.minimalLength()).isTrue();

    in.clear().writeByte(0x21).writeByte(127).writeLong(70_000); // RSV2, text, not final
    assertThat(header.read(in)).isTrue();
    assertThat(header.fin()).isFalse();
    assertThat(header.rsv()).isEqualTo(2);
    assertThat(header.masked()).isFalse();
    assertThat(header.length()).isEqualTo(10);
    assertThat(header.payloadLength()).isEqualTo(70_000);
    in.release();
  }

  @Test
  void needsTheWholeHeaderAndFlagsLengthsNotInTheirShortestForm() {
    ByteBuf in = Unpooled.buffer();
    in.writeByte(0x81).writeByte(0x80 | 126).writeShort(5).writeShort(0);
    assertThat(header.read(in)).as("mask key incomplete").isFalse();
    in.writeShort(0);
    assertThat(header.read(in)).isTrue();
    assertThat(header.minimalLength()).isFalse();
    in.clear().writeByte(0x81).writeByte(127).writeLong(Long.MIN_VALUE + 5);
    assertThat(header.read(in)).isTrue();
    assertThat(header.minimalLength()).isFalse();
    assertThat(header.payloadLength()).isEqualTo(Long.MAX_VALUE);
    assertThat(header.read(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81}))).isFalse();
    in.release();
  }

  @Test
  void payloadsAreUnmaskedIntoTheirArrayAtEveryLength() {
    for (int length : new int[] {0, 1, 7, 8, 9, 125, 126, 1000, 4099}) {
      byte[] payload = new byte[length];
      for (int i = 0; i < length; i++) {
        payload[i] = (byte) (i * 7 + 3);
      }
      ByteBuf in = Unpooled.buffer();
      in.writeByte(0xFF); // a byte before the frame: indexes are relative to the reader index
      in.readByte();
      DataFrames.encodeInto(in, DataFrames.BINARY, payload, true);
      in.writeByte(0x42); // the next frame's first byte stays
      assertThat(header.read(in)).isTrue();
      assertThat(FramePayloads.read(in, header)).containsExactly(payload);
      assertThat(in.readableBytes()).isEqualTo(1);
      in.release();
    }
  }
}
