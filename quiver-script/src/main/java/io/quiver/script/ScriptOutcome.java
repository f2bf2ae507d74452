package io.quiver.script;

import io.quiver.value.Value;

/**
 * What one script run produced: either an emitted {@code value} on {@code port} ({@code null} means
 * the default port {@code out}), or a drop; plus the event, meta and state as the script left them
 * ({@code let event...}, {@code let $...}, {@code let state...}).
 */
public record ScriptOutcome(
    Kind kind, Value value, String port, Value event, Value meta, Value state) {

  public enum Kind {
    EMIT,
    DROP
  }

  public boolean dropped() {
    return kind == Kind.DROP;
  }

  /** The port to emit on: the script's {@code emit => "port"} or {@code out}. */
  public String portOrDefault() {
    return port == null ? "out" : port;
  }
}
