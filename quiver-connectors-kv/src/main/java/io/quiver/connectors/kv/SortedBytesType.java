package io.quiver.connectors.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * MVStore's type for the kv store's keys and values: byte arrays, ordered as unsigned bytes (the
 * order of sled, Tremor's store, so that {@code scan} ranges agree), written as a length and the
 * bytes.
 */
final class SortedBytesType extends BasicDataType<byte[]> {
  static final SortedBytesType INSTANCE = new SortedBytesType();

  private SortedBytesType() {}

  @Override
  public int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  @Override
  public int getMemory(byte[] bytes) {
    return 24 + bytes.length;
  }

  @Override
  public void write(WriteBuffer buffer, byte[] bytes) {
    buffer.putVarInt(bytes.length).put(bytes);
  }

  @Override
  public byte[] read(ByteBuffer buffer) {
    byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
    buffer.get(bytes);
    return bytes;
  }

  @Override
  public byte[][] createStorage(int size) {
    return new byte[size][];
  }
}
