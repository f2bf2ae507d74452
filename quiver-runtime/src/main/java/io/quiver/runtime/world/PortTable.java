package io.quiver.runtime.world;

import io.quiver.spi.Ports;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.KeyOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * The links out of one instance's ports, and how many events went out of each. Filled while the
 * deployment is linked; a running deployment changes it only from its one control thread (the REST
 * API's binding activations), copy-on-write: the map is never changed once published, so the
 * per-event path reads it with one volatile read and no lock.
 */
final class PortTable {
  private static final Destination[] NONE = new Destination[0];
  private volatile Map<String, Links> byPort = Map.of();

  /**
   * Every port's destinations, port after port as {@link #byPort} iterates them (a destination
   * linked from two ports twice): what {@link #signalAll} walks for every signal (a rest onramp
   * ends a stream per request) without an iterator. Replaced with {@link #byPort}.
   */
  private volatile Destination[] everyLink = NONE;

  /**
   * The links of {@link Ports#OUT}, which nearly every event leaves by, or null: found without a
   * map lookup when the port is the interned constant (the onramps', offramps' and pipelines' own
   * {@code out}). Replaced with {@link #byPort}.
   */
  private volatile Links out;

  /**
   * A port's destinations and the events sent to them (counted once per event, not per copy). The
   * counter outlives a change of the destinations, so a port's count never goes back.
   */
  private record Links(Destination[] targets, EventCount sent) {}

  /** Makes the count of a port linked for the first time. */
  private final Supplier<EventCount> counts;

  /** A table whose ports any thread may send through at any time (an onramp's, an offramp's). */
  PortTable() {
    this(EventCount::shared);
  }

  /**
   * A table with the given kind of count per port: {@code RunnerOwned::new} for a pipeline's
   * outputs, which only the thread holding the runner's claim sends through.
   */
  PortTable(Supplier<EventCount> counts) {
    this.counts = counts;
  }

  void connect(String port, Destination destination) {
    Map<String, Links> table = byPort;
    Links current = table.get(port);
    Destination[] targets = current == null ? NONE : current.targets;
    for (Destination d : targets) {
      if (d.equals(destination)) {
        return;
      }
    }
    Destination[] next = Arrays.copyOf(targets, targets.length + 1);
    next[targets.length] = destination;
    Map<String, Links> copy = new HashMap<>(table);
    // interned: per-event lookups with the Ports constants then match by identity, no equals()
    copy.put(port.intern(), new Links(next, current == null ? counts.get() : current.sent));
    publish(copy);
  }

  /** Removes one link out of {@code port} (a binding instance deactivated); no-op when absent. */
  void disconnect(String port, Destination destination) {
    Map<String, Links> table = byPort;
    Links current = table.get(port);
    if (current == null) {
      return;
    }
    Destination[] next =
        Arrays.stream(current.targets)
            .filter(d -> !d.equals(destination))
            .toArray(Destination[]::new);
    if (next.length == current.targets.length) {
      return;
    }
    Map<String, Links> copy = new HashMap<>(table);
    if (next.length == 0) {
      copy.remove(port);
    } else {
      copy.put(port, new Links(next, current.sent));
    }
    publish(copy);
  }

  private void publish(Map<String, Links> table) {
    byPort = table;
    out = table.get(Ports.OUT);
    everyLink =
        table.values().stream()
            .flatMap(links -> Arrays.stream(links.targets))
            .toArray(Destination[]::new);
  }

  /** Hands each linked port and the number of events sent out of it so far to {@code out}. */
  void forEachSent(ObjLongConsumer<String> out) {
    byPort.forEach((port, links) -> out.accept(port, links.sent.sum()));
  }

  /** The count of events sent out of {@code port}, or null when nothing is linked there. */
  EventCount sentCount(String port) {
    Links links = byPort.get(port);
    return links == null ? null : links.sent;
  }

  boolean isConnected(String port) {
    return byPort.containsKey(port);
  }

  Set<String> ports() {
    return byPort.keySet();
  }

  /** The links of {@code port}, or null. */
  private Links links(String port) {
    return port == Ports.OUT ? out : byPort.get(port);
  }

  List<Destination> destinations(String port) {
    Links links = links(port);
    return List.of(links == null ? NONE : links.targets);
  }

  /** The first pipeline behind {@code port} that is overloaded, or {@code null} (no copying). */
  PipelineRunner overloadedPipeline(String port) {
    Links links = links(port);
    if (links != null) {
      for (Destination d : links.targets) {
        if (d instanceof Destination.ToPipeline p && p.runner().overloaded()) {
          return p.runner();
        }
      }
    }
    return null;
  }

  /** Sends to every destination of {@code port}; returns false when nothing is linked there. */
  boolean send(String port, Event event) {
    Links links = links(port);
    if (links == null) {
      return false;
    }
    links.sent.increment();
    Destination[] targets = links.targets;
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
    for (Destination d : everyLink) {
      d.signal(signal, hops);
    }
  }
}
