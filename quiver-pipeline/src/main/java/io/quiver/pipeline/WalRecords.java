package io.quiver.pipeline;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The byte form of an event in a {@code qos::wal} log: everything the event carries (id, ingest
 * time, data, meta, stream, transit), values tagged by type so binary data survives. Big-endian,
 * strings as modified UTF-8 with a length (no limit of 64 KiB: long strings are written as bytes).
 */
final class WalRecords {
  private static final int NULL = 0;
  private static final int FALSE = 1;
  private static final int TRUE = 2;
  private static final int INT = 3;
  private static final int FLOAT = 4;
  private static final int STR = 5;
  private static final int BYTES = 6;
  private static final int ARR = 7;
  private static final int OBJ = 8;

  private WalRecords() {}

  static byte[] encode(Event e) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(e.id().source());
      out.writeLong(e.id().stream());
      out.writeLong(e.id().event());
      out.writeLong(e.ingestNs());
      out.writeLong(e.stream());
      writeValue(out, e.data());
      writeValue(out, e.meta());
      Transit t = e.transit();
      out.writeBoolean(t.transactional());
      out.writeBoolean(t.batch());
      long[] keys = t.opMetaKeys();
      out.writeInt(keys.length);
      for (long k : keys) {
        out.writeLong(k);
        writeValue(out, t.opMeta(k));
      }
      out.writeInt(t.tracked().size());
      for (Transit.TrackedIds ids : t.tracked()) {
        out.writeLong(ids.source());
        out.writeLong(ids.stream());
        out.writeLong(ids.min());
        out.writeLong(ids.max());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static Event decode(byte[] data) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
    EventId id = new EventId(in.readLong(), in.readLong(), in.readLong());
    long ingestNs = in.readLong();
    long stream = in.readLong();
    Value value = readValue(in);
    Value meta = readValue(in);
    Transit t = Transit.NONE.withTransactional(in.readBoolean()).withBatch(in.readBoolean());
    int keys = in.readInt();
    for (int i = 0; i < keys; i++) {
      t = t.withOpMeta(in.readLong(), readValue(in));
    }
    int tracked = in.readInt();
    List<Transit.TrackedIds> ids = new ArrayList<>(tracked);
    for (int i = 0; i < tracked; i++) {
      ids.add(new Transit.TrackedIds(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
    }
    if (!ids.isEmpty()) {
      t = t.withTrackedIds(ids);
    }
    return new Event(id, ingestNs, value, meta, stream, t);
  }

  private static void writeValue(DataOutputStream out, Value v) throws IOException {
    switch (v) {
      case Value.Null n -> out.writeByte(NULL);
      case Value.Bool b -> out.writeByte(b.value() ? TRUE : FALSE);
      case Value.Int i -> {
        out.writeByte(INT);
        out.writeLong(i.value());
      }
      case Value.Float f -> {
        out.writeByte(FLOAT);
        out.writeDouble(f.value());
      }
      case Value.Str s -> {
        out.writeByte(STR);
        writeString(out, s.value());
      }
      case Value.Bytes b -> {
        out.writeByte(BYTES);
        out.writeInt(b.value().length);
        out.write(b.value());
      }
      case Value.Arr a -> {
        out.writeByte(ARR);
        out.writeInt(a.items().size());
        for (Value item : a.items()) {
          writeValue(out, item);
        }
      }
      case Value.Obj o -> {
        out.writeByte(OBJ);
        out.writeInt(o.fields().size());
        for (var field : o.fields().entrySet()) {
          writeString(out, field.getKey());
          writeValue(out, field.getValue());
        }
      }
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Value readValue(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case NULL -> Value.NULL;
      case FALSE -> Value.FALSE;
      case TRUE -> Value.TRUE;
      case INT -> Value.of(in.readLong());
      case FLOAT -> Value.of(in.readDouble());
      case STR -> Value.of(readString(in));
      case BYTES -> {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        yield Value.of(b);
      }
      case ARR -> {
        int n = in.readInt();
        List<Value> items = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
          items.add(readValue(in));
        }
        yield Value.array(items);
      }
      case OBJ -> {
        int n = in.readInt();
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String k = readString(in);
          fields.put(k, readValue(in));
        }
        yield Value.obj(fields);
      }
      default -> throw new IOException("unknown value tag " + tag);
    };
  }
}
