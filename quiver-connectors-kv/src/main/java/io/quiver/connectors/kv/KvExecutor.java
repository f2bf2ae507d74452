package io.quiver.connectors.kv;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link KvCommand} against the {@link KvStore} and builds the reply's data in Tremor
 * 0.11.12's shapes. Values go into the store encoded by the offramp's codec and come back decoded
 * by it; keys come back as binary (the json codec writes them as base64, as Tremor does).
 */
final class KvExecutor {
  private final KvStore store;
  private final Codec codec;

  KvExecutor(KvStore store, Codec codec) {
    this.store = store;
    this.codec = codec;
  }

  /**
   * The reply's data: {@code {"ok": {"key": k, "value": v}}} for get, put, delete (the value
   * before) and a cas that swapped (value null); {@code {"key": k, "error": {"current": c,
   * "proposed": p}}} for a cas that did not; {@code {"ok": [{"key": k, "value": v}, ...]}} for
   * scan.
   *
   * @throws CodecException when a value cannot be encoded or a stored one decoded
   * @throws RuntimeException from the store (an I/O error, a closed store)
   */
  Value run(KvCommand command, long ingestNs) throws CodecException {
    return switch (command) {
      case KvCommand.Get get -> ok(get.key(), decode(store.get(get.key()), ingestNs));
      case KvCommand.Put put ->
          ok(put.key(), decode(store.put(put.key(), codec.encode(put.value())), ingestNs));
      case KvCommand.Delete delete ->
          ok(delete.key(), decode(store.delete(delete.key()), ingestNs));
      case KvCommand.Cas cas -> cas(cas, ingestNs);
      case KvCommand.Scan scan -> scan(scan, ingestNs);
    };
  }

  private Value cas(KvCommand.Cas cas, long ingestNs) throws CodecException {
    byte[] proposed = encode(cas.proposed());
    KvStore.CasOutcome outcome = store.compareAndSwap(cas.key(), encode(cas.expected()), proposed);
    if (outcome.swapped()) {
      return ok(cas.key(), Value.NULL);
    }
    return Value.obj(
        "key",
        new Value.Bytes(cas.key()),
        "error",
        Value.obj(
            "current",
            decode(outcome.current(), ingestNs),
            "proposed",
            decode(proposed, ingestNs)));
  }

  private Value scan(KvCommand.Scan scan, long ingestNs) throws CodecException {
    List<Value> entries = new ArrayList<>();
    for (KvStore.Entry e : store.scan(scan.start(), scan.end())) {
      entries.add(Value.obj("key", new Value.Bytes(e.key()), "value", decode(e.value(), ingestNs)));
    }
    return Value.obj("ok", new Value.Arr(entries));
  }

  private static Value ok(byte[] key, Value value) {
    return Value.obj("ok", Value.obj("key", new Value.Bytes(key), "value", value));
  }

  private byte[] encode(Value value) throws CodecException {
    return value == null ? null : codec.encode(value);
  }

  /** A stored value decoded, or null when there is none (or the codec makes no value of it). */
  private Value decode(byte[] stored, long ingestNs) throws CodecException {
    return stored == null ? Value.NULL : codec.decode(stored, ingestNs).orElse(Value.NULL);
  }
}
