package io.quiver.connectors.cb;

import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code cb} offramp answers to one event (Tremor 0.11.12, src/sink/cb.rs): the {@code cb}
 * field of the metadata, else of the value, a string or a list of strings. At most one delivery
 * answer ({@code ack} before {@code fail}) and at most one circuit change ({@code close} or {@code
 * trigger} before {@code open} or {@code restore}); other words and other types are ignored.
 *
 * @param delivery the delivery answer, or {@code null}
 * @param circuit the circuit change, or {@code null}
 */
record CbCommands(Delivery delivery, Circuit circuit) {
  enum Delivery {
    ACK,
    FAIL
  }

  enum Circuit {
    BREAK,
    RESTORE
  }

  static final CbCommands NONE = new CbCommands(null, null);

  /** The commands {@code event} carries. */
  static CbCommands of(Event event) {
    Value cb = event.metaField("cb");
    if (cb == null && event.data() instanceof Value.Obj o) {
      cb = o.get("cb");
    }
    if (cb == null) {
      return NONE;
    }
    List<String> words = new ArrayList<>();
    switch (cb) {
      case Value.Str s -> words.add(s.value());
      case Value.Arr a -> {
        for (Value v : a.items()) {
          if (v instanceof Value.Str s) {
            words.add(s.value());
          }
        }
      }
      default -> {}
    }
    Delivery delivery =
        words.contains("ack") ? Delivery.ACK : words.contains("fail") ? Delivery.FAIL : null;
    Circuit circuit =
        words.contains("close") || words.contains("trigger")
            ? Circuit.BREAK
            : words.contains("open") || words.contains("restore") ? Circuit.RESTORE : null;
    return new CbCommands(delivery, circuit);
  }
}
