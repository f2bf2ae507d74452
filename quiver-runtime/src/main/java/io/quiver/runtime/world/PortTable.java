package io.quiver.runtime.world;

import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.KeyOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The links out of one instance's ports. Filled while the deployment is linked; a running
 * deployment changes it only from its one control thread (the REST API's binding activations),
 * copy-on-write: the map is never changed once published, so the per-event path reads it with one
 * volatile read and no lock.
 */
final class PortTable {
  private static final Destination[] NONE = new Destination[0];
  private volatile Map<String, Destination[]> byPort = Map.of();

  void connect(String port, Destination destination) {
    Map<String, Destination[]> table = byPort;
    Destination[] current = table.getOrDefault(port, NONE);
    for (Destination d : current) {
      if (d.equals(destination)) {
        return;
      }
    }
    Destination[] next = java.util.Arrays.copyOf(current, current.length + 1);
    next[current.length] = destination;
    Map<String, Destination[]> copy = new HashMap<>(table);
    // interned: per-event lookups with the Ports constants then match by identity, no equals()
    copy.put(port.intern(), next);
    byPort = copy;
  }

  /** Removes one link out of {@code port} (a binding instance deactivated); no-op when absent. */
  void disconnect(String port, Destination destination) {
    Map<String, Destination[]> table = byPort;
    Destination[] current = table.get(port);
    if (current == null) {
      return;
    }
    Destination[] next =
        java.util.Arrays.stream(current)
            .filter(d -> !d.equals(destination))
            .toArray(Destination[]::new);
    if (next.length == current.length) {
      return;
    }
    Map<String, Destination[]> copy = new HashMap<>(table);
    if (next.length == 0) {
      copy.remove(port);
    } else {
      copy.put(port, next);
    }
    byPort = copy;
  }

  boolean isConnected(String port) {
    return byPort.containsKey(port);
  }

  Set<String> ports() {
    return byPort.keySet();
  }

  List<Destination> destinations(String port) {
    return List.of(byPort.getOrDefault(port, NONE));
  }

  /** The first pipeline behind {@code port} that is overloaded, or {@code null} (no copying). */
  PipelineRunner overloadedPipeline(String port) {
    Destination[] targets = byPort.get(port);
    if (targets != null) {
      for (Destination d : targets) {
        if (d instanceof Destination.ToPipeline p && p.runner().overloaded()) {
          return p.runner();
        }
      }
    }
    return null;
  }

  /** Sends to every destination of {@code port}; returns false when nothing is linked there. */
  boolean send(String port, Event event) {
    Destination[] targets = byPort.get(port);
    if (targets == null) {
      return false;
    }
    // as Tremor (src/pipeline.rs `send_events`, src/source.rs): every destination but the last
    // gets a copy, which matters only in Tremor's key order
    int last = targets.length - 1;
    for (int i = 0; i < last; i++) {
      targets[i].send(KeyOrder.copied(event));
    }
    targets[last].send(event);
    return true;
  }

  /** Sends a signal out of every port. */
  void signalAll(Signal signal, int hops) {
    for (Destination[] targets : byPort.values()) {
      for (Destination d : targets) {
        d.signal(signal, hops);
      }
    }
  }
}
