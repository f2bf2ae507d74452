package io.quiver.connectors.stdio;

import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tremor's output format of the std stream offramps: every value of an event (each entry of a
 * batch) is encoded and postprocessed; every resulting chunk is written as {@code prefix}, the
 * chunk, and a newline. With {@code raw} false a chunk that is not valid UTF-8 is written in Rust's
 * debug form of a byte vector ({@code [255, 0]}), as Tremor does.
 */
final class StdStreamLines {
  private final StdStreamSettings settings;
  private final byte[] prefix;

  StdStreamLines(StdStreamSettings settings) {
    this.settings = settings;
    this.prefix = settings.prefix().getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes one event writes; the serializer is used by one thread at a time. */
  byte[] format(Event event, Serializer serializer) throws CodecException, ProcessorException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (Event e : event.elements()) {
      append(out, serializer.serialize(e.data(), e.ingestNs()));
    }
    return out.toByteArray();
  }

  private void append(ByteArrayOutputStream out, List<byte[]> chunks) {
    for (byte[] chunk : chunks) {
      out.writeBytes(prefix);
      out.writeBytes(settings.raw() || Utf8.isValid(chunk) ? chunk : debugForm(chunk));
      out.write('\n');
    }
  }

  /** Rust's {@code {:?}} of a {@code Vec<u8>}: {@code [1, 2, 255]}. */
  static byte[] debugForm(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length * 4 + 2).append('[');
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(bytes[i] & 0xff);
    }
    return s.append(']').toString().getBytes(StandardCharsets.US_ASCII);
  }
}
