package io.quiver.search.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * The search node's process: {@code SearchNodeMain --port 9200 [--transport-port PORT] [--dir
 * DIR]}. One OpenSearch node that is its own cluster ({@code discovery.type: single-node}), HTTP
 * and transport bound to 127.0.0.1 only, indices created on first write, data in {@code DIR/data}
 * (a restart on the same directory keeps the indices). Runs until the process is stopped; a SIGTERM
 * closes the node cleanly.
 */
public final class SearchNodeMain {
  private SearchNodeMain() {}

  /** What the node is started with. */
  record Options(int port, int transportPort, Path dir) {}

  /** A node with the netty4 HTTP and transport plugin, which the public constructor leaves out. */
  private static final class PluginNode extends Node {
    PluginNode(Settings settings) {
      super(
          InternalSettingsPreparer.prepareEnvironment(
              settings, Map.of(), null, () -> "quiver-search"),
          List.of(Netty4Plugin.class, WarmUpGate.class),
          true);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("search-node: " + e.getMessage());
      System.err.println("usage: SearchNodeMain --port PORT [--transport-port PORT] [--dir DIR]");
      System.exit(2);
      return;
    }
    Files.createDirectories(options.dir());
    Node node = new PluginNode(settings(options));
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (Exception e) {
                    System.err.println("search-node: close failed: " + e);
                  } finally {
                    closed.countDown();
                  }
                },
                "search-node-shutdown"));
    exitWithSupervisor();
    node.start();
    warmUp(node);
    System.out.println(
        "search-node: "
            + READY
            + " on http://127.0.0.1:"
            + options.port()
            + "/, data in "
            + options.dir());
    System.out.flush();
    closed.await();
  }

  /** What the node prints once it has started and warmed up ({@link SearchNodeProcess} waits). */
  static final String READY = "ready";

  /**
   * Indices get no replicas (one node: the cluster is green, nothing waits for a second copy), and
   * one index is created, written to and deleted so that the first index a client creates does not
   * pay for a cold JVM (on a busy machine that took longer than the 10 s Tremor's cb onramp waits);
   * until then {@link WarmUpGate} answers every REST request with 503.
   */
  private static void warmUp(Node node) {
    var indices = node.client().admin().indices();
    indices
        .preparePutTemplate("quiver-single-node")
        .setPatterns(List.of("*"))
        .setOrder(-1)
        .setSettings(Settings.builder().put("index.number_of_replicas", 0))
        .get();
    if (indices.prepareExists(WARM_UP_INDEX).get().isExists()) {
      indices.prepareDelete(WARM_UP_INDEX).get();
    }
    indices.prepareCreate(WARM_UP_INDEX).get();
    // a document with fields of several types: dynamic mapping updates warm up too
    node.client()
        .prepareIndex(WARM_UP_INDEX)
        .setSource(java.util.Map.of("n", 1, "s", "x", "b", true, "a", List.of(1, 2)))
        .get();
    indices.prepareDelete(WARM_UP_INDEX).get();
    WarmUpGate.open();
  }

  private static final String WARM_UP_INDEX = "quiver-search-node-warm-up";

  /** The node's settings: one node, loopback only, small and quiet. */
  static Settings settings(Options options) {
    return Settings.builder()
        .put("cluster.name", "quiver-search")
        .put("node.name", "quiver-search")
        .put("path.home", options.dir().toString())
        .put("path.data", options.dir().resolve("data").toString())
        .put("path.logs", options.dir().resolve("logs").toString())
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", options.port())
        .put("transport.port", options.transportPort())
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        .put("action.auto_create_index", true)
        .put("node.store.allow_mmap", false)
        // a test node on a shared disk: never turn indices read-only for lack of space
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
  }

  static Options parse(String[] args) {
    int port = 9200;
    int transportPort = 0;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--port" -> port = port(name, value);
        case "--transport-port" -> transportPort = port(name, value);
        case "--dir" -> dir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (transportPort == 0) {
      transportPort = port + 100;
    }
    if (dir == null) {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "quiver-search-" + port);
    }
    return new Options(port, transportPort, dir);
  }

  private static int port(String name, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, not " + value);
    }
  }

  /**
   * Under {@code quiver up} (which sets {@code QUIVER_SUPERVISOR_PID}): ends this node when the
   * supervisor is gone, even if it was killed without stopping us.
   */
  private static void exitWithSupervisor() {
    String pid = System.getenv("QUIVER_SUPERVISOR_PID");
    if (pid == null || !pid.matches("[0-9]+")) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid))
        .ifPresentOrElse(
            p ->
                p.onExit()
                    .thenRun(
                        () -> {
                          System.err.println("search-node: quiver up is gone; stopping");
                          System.exit(0);
                        }),
            () -> System.exit(0));
  }
}
