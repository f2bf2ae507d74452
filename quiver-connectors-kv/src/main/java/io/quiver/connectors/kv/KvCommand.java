package io.quiver.connectors.kv;

import io.quiver.value.Value;

/**
 * One command of a kv event (Tremor 0.11.12, src/sink/kv.rs). Keys are the bytes of the key string
 * (or the bytes of a binary key); values are Quiver values, stored encoded by the offramp's codec.
 */
sealed interface KvCommand {

  /** The operation's name as Tremor puts it in {@code $kv.op}. */
  String op();

  /** The key the command is about, or null ({@code scan}). */
  byte[] key();

  /** {@code {"get": {"key": k}}}: the value stored under k, or null. */
  record Get(byte[] key) implements KvCommand {
    @Override
    public String op() {
      return "get";
    }
  }

  /** {@code {"put": {"key": k, "value": v}}}: stores v, answers the value it replaced or null. */
  record Put(byte[] key, Value value) implements KvCommand {
    @Override
    public String op() {
      return "put";
    }
  }

  /** {@code {"delete": {"key": k}}}: removes k, answers the value it had or null. */
  record Delete(byte[] key) implements KvCommand {
    @Override
    public String op() {
      return "delete";
    }
  }

  /**
   * {@code {"scan": {"start": s, "end": e}}}: every pair with s <= key < e in byte order; either
   * bound may be left out (null here).
   */
  record Scan(byte[] start, byte[] end) implements KvCommand {
    @Override
    public String op() {
      return "scan";
    }

    @Override
    public byte[] key() {
      return null;
    }
  }

  /**
   * {@code {"cas": {"key": k, "old": o, "new": n}}}: sets k to n only if it holds o. A missing
   * {@code old} (null here) means "k is absent"; a missing {@code new} removes k. An explicit JSON
   * {@code null} is a value like any other, as in Tremor.
   */
  record Cas(byte[] key, Value expected, Value proposed) implements KvCommand {
    @Override
    public String op() {
      return "cas";
    }
  }
}
