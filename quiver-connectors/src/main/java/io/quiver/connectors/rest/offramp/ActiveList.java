package io.quiver.connectors.rest.offramp;

import java.util.ArrayList;
import java.util.List;

/**
 * A dispatcher's exchanges taken and not yet answered, in the order they were taken: a list linked
 * through the exchanges themselves, so adding and removing one allocates nothing and takes constant
 * time (a request's exchange is added when taken and removed when answered). Confined to the
 * dispatcher's loop.
 */
final class ActiveList {
  private Exchange first;
  private Exchange last;
  private int size;

  /** Adds {@code x} at the end; it must not be in a list. */
  void add(Exchange x) {
    if (x.isActive) {
      throw new IllegalStateException("already active");
    }
    x.isActive = true;
    x.prevActive = last;
    x.nextActive = null;
    if (last == null) {
      first = x;
    } else {
      last.nextActive = x;
    }
    last = x;
    size++;
  }

  /** Removes {@code x} when it is in the list; false when it is not. */
  boolean remove(Exchange x) {
    if (!x.isActive) {
      return false;
    }
    Exchange p = x.prevActive;
    Exchange n = x.nextActive;
    if (p == null) {
      first = n;
    } else {
      p.nextActive = n;
    }
    if (n == null) {
      last = p;
    } else {
      n.prevActive = p;
    }
    x.prevActive = null;
    x.nextActive = null;
    x.isActive = false;
    size--;
    return true;
  }

  /** The oldest exchange, or null; the next is its {@code nextActive}. */
  Exchange first() {
    return first;
  }

  int size() {
    return size;
  }

  /** A copy of the list, oldest first (to remove from while walking it). */
  List<Exchange> toList() {
    List<Exchange> out = new ArrayList<>(size);
    for (Exchange x = first; x != null; x = x.nextActive) {
      out.add(x);
    }
    return out;
  }
}
