package io.quiver.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes Tremor 0.11 would count events for, so that a pipeline's {@code events} metrics name
 * the same nodes and ports with the same counts.
 *
 * <p>Tremor optimises its executable graph before running it (tremor-pipeline's {@code
 * ExecutableGraph::optimize}): pass-through nodes ({@code select event} without where, having,
 * window or group by, {@code create stream}, a {@code passthrough} operator) are cut out of the
 * links, and an input whose only link leads into such a node, on a port named like the input,
 * enters the graph further down. Cut-out nodes never run, so they count nothing; the node an input
 * enters at runs without an input count. Quiver walks the uncut graph (same events, same order), so
 * it replays that optimisation here, once per compiled query, and the walk counts only where Tremor
 * would:
 *
 * <ul>
 *   <li>{@link #entry}: the node where Tremor's {@code in} enters; the nodes before it on the way
 *       there count nothing;
 *   <li>{@link #counted}: whether an event reaching a node from elsewhere runs and counts it there;
 *   <li>{@link #inputPort}: the input port Tremor names for an event arriving from a node.
 * </ul>
 */
final class MetricsLayout {
  private final int[] entries;
  private final boolean[] counted;
  private final String[] intoPorts;
  private final boolean[] selects;

  private MetricsLayout(int[] entries, boolean[] counted, String[] intoPorts, boolean[] selects) {
    this.entries = entries;
    this.counted = counted;
    this.intoPorts = intoPorts;
    this.selects = selects;
  }

  /** The node an event given to input node {@code inputNode} starts running at in Tremor. */
  int entry(int inputNode) {
    return entries[inputNode];
  }

  /** Whether Tremor runs (and counts) node {@code node} when an event reaches it over a link. */
  boolean counted(int node) {
    return counted[node];
  }

  /**
   * The input port an event from {@code from} arrives on at {@code to}: {@code in} for a select,
   * else the port of the select's {@code into} ({@code into out/x} arrives on {@code x}).
   */
  String inputPort(int from, int to) {
    if (selects[to]) {
      return "in";
    }
    String p = intoPorts[from];
    return p == null ? "in" : p;
  }

  /**
   * Replays Tremor's optimisation over the compiled graph.
   *
   * @param links per node and output port, the nodes it feeds
   * @param intoPorts per select node, the port of its {@code into} (null: {@code in})
   * @param inputs the pipeline's input nodes (by any name: Tremor's are the nodes' ids)
   */
  static MetricsLayout of(
      Node[] nodes,
      Map<Integer, Map<String, List<Integer>>> links,
      String[] intoPorts,
      Map<String, Integer> inputs) {
    int n = nodes.length;
    boolean[] selects = new boolean[n];
    boolean[] passThrough = new boolean[n];
    boolean[] cuttable = new boolean[n];
    for (int i = 0; i < n; i++) {
      selects[i] = nodes[i] instanceof Node.Select;
      passThrough[i] = passThrough(nodes[i]);
      // Tremor cuts only operator, select and script nodes: inputs and outputs stay
      cuttable[i] =
          passThrough[i] && !(nodes[i] instanceof Node.Input || nodes[i] instanceof Node.Output);
    }
    MetricsLayout shape = new MetricsLayout(new int[0], new boolean[0], intoPorts, selects);
    // Tremor's port index: (node, port) -> [(node, port)], in link order
    Map<Link, List<Link>> portIndex = new LinkedHashMap<>();
    links.forEach(
        (from, ports) ->
            ports.forEach(
                (port, targets) -> {
                  List<Link> to = new ArrayList<>(targets.size());
                  for (int t : targets) {
                    to.add(new Link(t, shape.inputPort(from, t)));
                  }
                  portIndex.put(new Link(from, port), to);
                }));
    // Tremor names its input nodes `in` and `in/<port>` (Quiver also maps `<port>` to the latter)
    Map<String, Integer> entryByName = new LinkedHashMap<>();
    for (int input : inputs.values()) {
      entryByName.put(nodes[input].id(), input);
    }
    for (int round = 0; round < 1000; round++) {
      redirectInputs(entryByName, portIndex, passThrough);
      if (!cutPassThroughs(portIndex, cuttable)) {
        break;
      }
    }
    int[] entries = new int[n];
    Arrays.fill(entries, -1);
    for (int input : inputs.values()) {
      entries[input] = entryByName.get(nodes[input].id());
    }
    boolean[] counted = new boolean[n];
    for (int i = 0; i < n; i++) {
      counted[i] = !cuttable[i];
    }
    return new MetricsLayout(entries, counted, intoPorts, selects);
  }

  private record Link(int node, String port) {}

  /** One round of Tremor's input shortcut: an input into a lone pass-through link moves on. */
  private static void redirectInputs(
      Map<String, Integer> entries, Map<Link, List<Link>> portIndex, boolean[] passThrough) {
    for (Map.Entry<String, Integer> e : entries.entrySet()) {
      int target = e.getValue();
      if (!passThrough[target]) {
        continue;
      }
      List<Link> only = null;
      int found = 0;
      for (Map.Entry<Link, List<Link>> l : portIndex.entrySet()) {
        if (l.getKey().node() == target) {
          found++;
          only = l.getValue();
        }
      }
      if (found == 1 && only.size() == 1 && only.get(0).port().equals(e.getKey())) {
        e.setValue(only.get(0).node());
      }
    }
  }

  /**
   * One round of cutting pass-through nodes out of the links: whatever links into one links to what
   * it links to instead. Returns whether anything changed.
   */
  private static boolean cutPassThroughs(Map<Link, List<Link>> portIndex, boolean[] cuttable) {
    boolean changed = false;
    for (int cut = 0; cut < cuttable.length; cut++) {
      if (!cuttable[cut]) {
        continue;
      }
      List<Link> outputs = new ArrayList<>();
      for (Map.Entry<Link, List<Link>> l : portIndex.entrySet()) {
        if (l.getKey().node() == cut) {
          outputs.addAll(l.getValue());
        }
      }
      for (Map.Entry<Link, List<Link>> l : portIndex.entrySet()) {
        List<Link> targets = l.getValue();
        boolean linksToCut = false;
        for (Link t : targets) {
          linksToCut |= t.node() == cut;
        }
        if (!linksToCut) {
          continue;
        }
        List<Link> replaced = new ArrayList<>(targets.size() + outputs.size());
        for (Link t : targets) {
          if (t.node() == cut) {
            replaced.addAll(outputs);
            changed = true;
          } else {
            replaced.add(t);
          }
        }
        l.setValue(replaced);
      }
    }
    return changed;
  }

  /** Whether Tremor runs the node as its {@code passthrough} operator (which it may skip). */
  private static boolean passThrough(Node node) {
    return switch (node) {
      case Node.Input i -> true;
      case Node.Output o -> true;
      case Node.Stream s -> true;
      case Node.Select s ->
          s.target() == null && s.where() == null && s.having() == null && !s.stateful();
      case Node.ScriptNode s -> false;
      case Node.Op op -> op.kind() == PassthroughOperator.KIND;
    };
  }
}
