package io.quiver.connectors.ws;

import io.quiver.value.Value;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The requests of an upstream session waiting for their reply, oldest first (the reply timer's
 * order), each optionally under a correlation id ({@code correlation_field}) so that a reply can be
 * matched by id instead of first in first out. Entries are compared by identity. Confined to the
 * session's event loop; at most max_in_flight entries, so removing from the middle is cheap.
 */
final class PendingReplies<T> {
  private final ArrayDeque<T> inOrder = new ArrayDeque<>();
  private final Map<Value, T> byId = new HashMap<>();
  private final Map<T, Value> idOf = new IdentityHashMap<>();

  /** Waits for the reply to {@code pending}, matched first in first out. */
  void add(T pending) {
    inOrder.add(pending);
  }

  /** Waits for the reply carrying correlation id {@code id}; see {@link #waitingFor} first. */
  void add(T pending, Value id) {
    inOrder.add(pending);
    byId.put(id, pending);
    idOf.put(pending, id);
  }

  /** Whether a request with correlation id {@code id} is waiting. */
  boolean waitingFor(Value id) {
    return byId.containsKey(id);
  }

  /** The oldest waiting request, or null. */
  T peek() {
    return inOrder.peek();
  }

  /** Removes and returns the oldest waiting request, or null. */
  T poll() {
    T pending = inOrder.poll();
    if (pending != null) {
      forgetId(pending);
    }
    return pending;
  }

  /** Removes the request waiting under correlation id {@code id} and returns it, or null. */
  T take(Value id) {
    T pending = byId.remove(id);
    if (pending != null) {
      idOf.remove(pending);
      removeFromOrder(pending);
    }
    return pending;
  }

  /** Removes {@code pending}; false when it was not waiting. */
  boolean remove(T pending) {
    if (!removeFromOrder(pending)) {
      return false;
    }
    forgetId(pending);
    return true;
  }

  int size() {
    return inOrder.size();
  }

  boolean isEmpty() {
    return inOrder.isEmpty();
  }

  private boolean removeFromOrder(T pending) {
    var it = inOrder.iterator();
    while (it.hasNext()) {
      if (it.next() == pending) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  private void forgetId(T pending) {
    if (!idOf.isEmpty()) {
      Value id = idOf.remove(pending);
      if (id != null) {
        byId.remove(id);
      }
    }
  }
}
