package io.quiver.runtime.world;

import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.KeyOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The links out of one instance's ports. Filled while the deployment is linked, before anything
 * starts; read-only (and so safe to share between threads) afterwards.
 */
final class PortTable {
  private static final Destination[] NONE = new Destination[0];
  private final Map<String, Destination[]> byPort = new HashMap<>();

  void connect(String port, Destination destination) {
    Destination[] current = byPort.getOrDefault(port, NONE);
    for (Destination d : current) {
      if (d.equals(destination)) {
        return;
      }
    }
    Destination[] next = java.util.Arrays.copyOf(current, current.length + 1);
    next[current.length] = destination;
    // interned: per-event lookups with the Ports constants then match by identity, no equals()
    byPort.put(port.intern(), next);
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
