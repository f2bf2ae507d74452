package io.quiver.runtime.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while loading, so they can be reported at once. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void add(Location where, String message) {
    list.add(new Problem(where, message));
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }
}
