package io.quiver.pipeline;

import io.quiver.script.Diagnostic;
import io.quiver.script.DiagnosticRenderer;
import io.quiver.script.Expression;
import io.quiver.script.FunctionRegistry;
import io.quiver.script.ModulePath;
import io.quiver.script.Script;
import io.quiver.script.ScriptException;
import io.quiver.script.Source;
import io.quiver.script.Span;
import io.quiver.script.Trickle;
import io.quiver.script.ast.Expr;
import io.quiver.script.ast.Query;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a Trickle query into a {@link PipelineDefinition}: checks node names and streams the way
 * Tremor 0.11 does (with its error texts), compiles every script and select expression, and
 * resolves all links to node indices.
 */
public final class PipelineCompiler {
  private static final Set<String> BUILTIN = Set.of("in", "out", "err", "metrics");

  private final Source source;
  private final Query query;
  private final FunctionRegistry functions = FunctionRegistry.standard();
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Integer> byName = new HashMap<>();
  private final Map<Integer, Map<String, List<Integer>>> links = new HashMap<>();
  private final Map<String, Query.DefineScript> scriptDefs = new HashMap<>();
  private final Map<String, Script> compiledDefs = new HashMap<>();
  private final Map<String, Query.DefineOperator> operatorDefs = new HashMap<>();
  private final Map<String, WindowSpec> windowDefs = new HashMap<>();

  /** The first {@code define sliding window}, refused once the query has a select; else null. */
  private Query.DefineWindow sliding;

  /** The query's script modules ({@code mod}, {@code use} of .tremor files), in order. */
  private final List<Expr> prelude = new ArrayList<>();

  private final List<String> warnings = new ArrayList<>();
  private final List<PendingInto> pendingIntos = new ArrayList<>();
  private final Map<String, Integer> inputs = new LinkedHashMap<>();
  private int selects;

  /** The port of each select's {@code into} (absent or null: {@code in}), by node. */
  private final Map<Integer, String> intoPorts = new HashMap<>();

  private record PendingInto(int select, Query.Select stmt) {}

  private PipelineCompiler(Trickle.Parsed parsed) {
    this.source = parsed.source();
    this.query = parsed.query();
  }

  /**
   * Compiles a {@code .trickle} source.
   *
   * @param defaultId the pipeline id unless {@code #!config id = "..."} sets one (the file stem)
   * @throws ScriptException with Tremor's rendering of the first problem
   */
  public static PipelineDefinition compile(String source, String sourceName, String defaultId)
      throws ScriptException {
    return compile(source, sourceName, defaultId, ModulePath.fromEnvironment());
  }

  /** As {@link #compile(String, String, String)}; {@code use} statements search {@code modules}. */
  public static PipelineDefinition compile(
      String source, String sourceName, String defaultId, ModulePath modules)
      throws ScriptException {
    PipelineCompiler compiler = new PipelineCompiler(Trickle.parse(source, sourceName, modules));
    try {
      return compiler.build(defaultId);
    } catch (ScriptException e) {
      // Tremor renders query errors against the query text plus a newline
      throw e.renderedFor(compiler.source.withTrailingNewline());
    }
  }

  private PipelineDefinition build(String defaultId) throws ScriptException {
    Map<String, Value> config = new LinkedHashMap<>();
    for (Query.WithArg arg : query.config()) {
      config.put(arg.name(), constant(arg));
    }
    String id = config.get("id") instanceof Value.Str s ? s.value() : defaultId;

    addNode("in", new Node.Input("in", "in"));
    inputs.put("in", 0);
    addNode("out", new Node.Output("out", "out"));
    addNode("err", new Node.Output("err", "err"));
    addNode("metrics", new Node.Output("metrics", "metrics"));

    for (Query.Stmt stmt : query.statements()) {
      switch (stmt) {
        case Query.DefineScript d -> scriptDefs.put(d.id(), d);
        case Query.DefineOperator d -> operatorDefs.put(d.id(), d);
        case Query.DefineWindow w -> {
          windowDefs.put(w.id(), window(w));
          if ("sliding".equals(w.kind()) && sliding == null) {
            sliding = w;
          }
        }
        case Query.CreateStream s -> {
          if (!byName.containsKey(s.id())) {
            addNode(s.id(), new Node.Stream(s.id()));
          }
        }
        case Query.CreateScript c -> createScript(c);
        case Query.CreateOperator c -> createOperator(c);
        case Query.Select s -> select(s);
        case Query.ScriptModule m -> prelude.add(m.module());
      }
    }
    if (sliding != null && !pendingIntos.isEmpty()) {
      // Tremor turns every window of the query into its implementation for each select, and has
      // none for this kind (tremor-pipeline/src/query.rs window_decl_to_impl)
      throw error(sliding.span(), sliding.span(), "Sliding windows are not yet implemented");
    }
    for (PendingInto p : pendingIntos) {
      Query.StreamRef into = p.stmt().into();
      String name = outPortNode(into);
      Integer target = byName.get(name);
      if (target == null) {
        throw error(
            p.stmt().span(),
            into.nodeSpan(),
            "Stream used in `from` or `into` is not defined: " + into.node());
      }
      link(p.select(), "out", target);
    }
    return new PipelineDefinition(id, Collections.unmodifiableMap(config), plan(), warnings);
  }

  private int addNode(String name, Node node) {
    int index = nodes.size();
    nodes.add(node);
    byName.put(name, index);
    return index;
  }

  private void link(int from, String port, int to) {
    links
        .computeIfAbsent(from, k -> new LinkedHashMap<>())
        .computeIfAbsent(port, k -> new ArrayList<>())
        .add(to);
  }

  private ScriptException error(Span outer, Span inner, String message) {
    return new ScriptException(source, Diagnostic.at(outer, inner, message));
  }

  private ScriptException nameError(Span stmt, String message) {
    return new ScriptException(source, new Diagnostic(message, stmt.expandLines(2), stmt, null));
  }

  private Value constant(Query.WithArg arg) throws ScriptException {
    Expression e = Expression.compile(source, arg.value(), arg.span(), functions, prelude);
    Value v = e.constant();
    if (v == null) {
      throw error(
          arg.span(),
          arg.value().span(),
          "The expression isn't constant and can't be evaluated at compile time");
    }
    return v;
  }

  private void checkNewNodeName(String name, Span stmt) throws ScriptException {
    if (byName.containsKey(name)) {
      throw nameError(
          stmt,
          BUILTIN.contains(name)
              ? "Name `" + name + "` is reserved for built-in nodes, please use another name."
              : "Name `" + name + "` is already in use for another node, please use another name.");
    }
  }

  private void createScript(Query.CreateScript c) throws ScriptException {
    checkNewNodeName(c.id(), c.span());
    Query.DefineScript def = scriptDefs.get(c.target());
    if (def == null) {
      throw error(
          c.span(),
          c.span(),
          "Script `"
              + c.target()
              + "` is not defined; add `define script "
              + c.target()
              + " script ... end;` before this");
    }
    Script script = compiledDefs.get(def.id());
    if (script == null) {
      List<Expr> body = new ArrayList<>(prelude);
      body.addAll(def.body());
      script = Script.compile(source, body, functions);
      for (Diagnostic w : script.warnings()) {
        warnings.add(DiagnosticRenderer.renderWarning(source.withTrailingNewline(), w));
      }
      compiledDefs.put(def.id(), script);
    }
    // Tremor 0.11: instance params only apply when the definition declares params (`with`)
    LinkedHashMap<String, Value> args = new LinkedHashMap<>();
    if (!def.params().isEmpty()) {
      for (Query.WithArg a : def.params()) {
        args.put(a.name(), constant(a));
      }
      for (Query.WithArg a : c.params()) {
        args.put(a.name(), constant(a));
      }
    }
    addNode(c.id(), new Node.ScriptNode(c.id(), script, Value.obj(args)));
  }

  private void createOperator(Query.CreateOperator c) throws ScriptException {
    checkNewNodeName(c.id(), c.span());
    Query.DefineOperator def = operatorDefs.get(c.target());
    if (def == null) {
      throw error(
          c.span(),
          c.span(),
          "Operator `"
              + c.target()
              + "` is not defined; add `define <module>::<operator> operator "
              + c.target()
              + ";` before this");
    }
    String kind = def.module() + "::" + def.operation();
    Map<String, Value> config = new LinkedHashMap<>();
    for (Query.WithArg a : def.params()) {
      config.put(a.name(), constant(a));
    }
    for (Query.WithArg a : c.params()) {
      config.put(a.name(), constant(a));
    }
    OperatorKind operator = OperatorRegistry.find(kind);
    if (operator == null) {
      throw error(
          def.span(),
          def.span(),
          "Quiver does not support the operator `"
              + kind
              + "` yet (supported: "
              + OperatorRegistry.names()
              + ")");
    }
    addNode(c.id(), new Node.Op(c.id(), operator, configure(operator, def, c, config)));
  }

  /**
   * The declared config keys of every built-in operator, by Tremor name (for reference docs), in
   * registration order.
   */
  public static Map<String, io.quiver.spi.config.ConfigSpec> operatorConfigSpecs() {
    return OperatorRegistry.configSpecs();
  }

  /** Validates an operator's {@code with} parameters, reporting every problem at once. */
  private OperatorKind.Factory configure(
      OperatorKind kind, Query.DefineOperator def, Query.CreateOperator c, Map<String, Value> given)
      throws ScriptException {
    OperatorKind.Configured configured = kind.configure(c.id(), given);
    for (String warning : configured.warnings()) {
      warnings.add(
          DiagnosticRenderer.renderWarning(
              source.withTrailingNewline(), Diagnostic.at(def.span(), warning)));
    }
    if (configured.error() != null) {
      throw error(def.span(), def.span(), configured.error());
    }
    return configured.factory();
  }

  private WindowSpec window(Query.DefineWindow w) throws ScriptException {
    Map<String, Value> params = new HashMap<>();
    for (Query.WithArg a : w.params()) {
      params.put(a.name(), constant(a));
    }
    long size = params.get("size") instanceof Value.Int i && i.value() >= 0 ? i.value() : -1;
    long interval =
        params.get("interval") instanceof Value.Int i && i.value() >= 0 ? i.value() : -1;
    if (size >= 0 && interval >= 0) {
      throw ScriptException.plain(
          source,
          Diagnostic.at(
              w.span(), "Bad window configuration, only one of `size` or `interval` is allowed."));
    }
    if (size < 0 && interval < 0) {
      throw ScriptException.plain(
          source,
          Diagnostic.at(
              w.span(), "Bad window configuration, either `size` or `interval` is required."));
    }
    long maxGroups =
        params.get("max_groups") instanceof Value.Int i && i.value() >= 0
            ? i.value()
            : Long.MAX_VALUE;
    long eviction =
        params.get("eviction_period") instanceof Value.Int i && i.value() > 0 ? i.value() : 0;
    boolean emitEmpty = params.get("emit_empty_windows") instanceof Value.Bool b && b.value();
    if (emitEmpty && maxGroups == Long.MAX_VALUE && !params.containsKey("eviction_period")) {
      warnings.add(
          DiagnosticRenderer.renderWarning(
              source.withTrailingNewline(),
              Diagnostic.at(
                  w.span(),
                  "Using `emit_empty_windows` without guard is potentially dangerous. Consider"
                      + " limiting the amount of groups maintained internally by using `max_groups` and/or"
                      + " `eviction_period`.")));
    }
    Script script = w.script() == null ? null : Script.compile(source, w.script(), functions);
    return new WindowSpec(
        w.id(), size, interval > 0 ? interval : -1, maxGroups, eviction, emitEmpty, script);
  }

  private GroupBySpec groupBy(Query.Select s, Query.GroupBy g, List<Expr> exprs)
      throws ScriptException {
    try {
      return switch (g) {
        case Query.GroupByExpr x -> {
          exprs.add(x.expr());
          yield new GroupBySpec.ByExpr(compileIn(s, x.expr()));
        }
        case Query.GroupByEach x -> {
          exprs.add(x.expr());
          yield new GroupBySpec.ByEach(compileIn(s, x.expr()));
        }
        case Query.GroupBySet x -> {
          List<GroupBySpec> items = new ArrayList<>();
          for (Query.GroupBy item : x.items()) {
            items.add(groupBy(s, item, exprs));
          }
          yield new GroupBySpec.BySet(List.copyOf(items));
        }
      };
    } catch (ScriptException e) {
      if (e.problem().equals("Local variables are not allowed here")) {
        throw error(s.span(), s.groupBy().span(), e.problem());
      }
      throw e;
    }
  }

  private void select(Query.Select s) throws ScriptException {
    Query.StreamRef from = s.from();
    Integer fromNode = byName.get(from.node());
    if (fromNode == null) {
      throw error(
          s.span(),
          from.nodeSpan(),
          "Stream used in `from` or `into` is not defined: " + from.node());
    }
    String fromPort = from.port() == null ? "out" : from.port();
    if (from.node().equals("in") && !fromPort.equals("out")) {
      String name = "in/" + fromPort;
      Integer existing = byName.get(name);
      if (existing == null) {
        existing = addNode(name, new Node.Input(name, fromPort));
        inputs.put(name, existing);
        inputs.putIfAbsent(fromPort, existing);
      }
      fromNode = existing;
      fromPort = "out";
    }
    List<WindowSpec> windows = new ArrayList<>();
    for (String w : s.windows()) {
      WindowSpec spec = windowDefs.get(w);
      if (spec == null) {
        throw error(s.span(), s.span(), "Unknown window: `" + w + "`");
      }
      windows.add(spec);
    }
    List<Expr> groupExprs = new ArrayList<>();
    GroupBySpec groupBy = s.groupBy() == null ? null : groupBy(s, s.groupBy(), groupExprs);
    boolean stateful = !windows.isEmpty() || groupBy != null;
    Expression target =
        !stateful && isEvent(s.target())
            ? null
            : Expression.compileTarget(
                source, s.target(), s.span(), functions, !windows.isEmpty(), groupExprs, prelude);
    Expression where = s.where() == null ? null : compileIn(s, s.where());
    Expression having = s.having() == null ? null : compileIn(s, s.having());
    String id = "select_" + selects++;
    // as Tremor: an `into out/<port>` output node is made with its select, just before it
    String outNode = outPortNode(s.into());
    if (!outNode.equals(s.into().node()) && !byName.containsKey(outNode)) {
      addNode(outNode, new Node.Output(outNode, s.into().port()));
    }
    int node = nodes.size();
    nodes.add(new Node.Select(id, target, where, having, List.copyOf(windows), groupBy));
    intoPorts.put(node, s.into().port());
    link(fromNode, fromPort, node);
    pendingIntos.add(new PendingInto(node, s));
  }

  /**
   * {@code out/<port>} for {@code into out/<port>} (a port other than {@code in}), else the node.
   */
  private static String outPortNode(Query.StreamRef into) {
    if (into.node().equals("out") && into.port() != null && !into.port().equals("in")) {
      return "out/" + into.port();
    }
    return into.node();
  }

  private static boolean isEvent(Expr e) {
    return e instanceof Expr.Path p && p.root() == Expr.Root.EVENT && p.segments().isEmpty();
  }

  private Expression compileIn(Query.Select s, Expr e) throws ScriptException {
    return Expression.compile(source, e, s.span(), functions, prelude);
  }

  @SuppressWarnings("unchecked")
  private GraphPlan plan() {
    int n = nodes.size();
    int[][] out = new int[n][];
    int[][] err = new int[n][];
    List<Map<String, int[]>> other = new ArrayList<>(n);
    Set<String> outputPorts = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      Map<String, List<Integer>> ports = links.getOrDefault(i, Map.of());
      out[i] = toArray(ports.get("out"));
      err[i] = toArray(ports.get("err"));
      Map<String, int[]> rest = new HashMap<>();
      ports.forEach(
          (port, targets) -> {
            if (!port.equals("out") && !port.equals("err")) {
              rest.put(port, toArray(targets));
            }
          });
      other.add(Map.copyOf(rest));
      if (nodes.get(i) instanceof Node.Output o) {
        outputPorts.add(o.port());
      }
    }
    Node[] all = nodes.toArray(new Node[0]);
    String[] ports = new String[n];
    intoPorts.forEach((node, port) -> ports[node] = port);
    return new GraphPlan(
        all,
        out,
        err,
        List.copyOf(other),
        Map.copyOf(inputs),
        0,
        Collections.unmodifiableSet(outputPorts),
        MetricsLayout.of(all, links, ports, inputs));
  }

  private static int[] toArray(List<Integer> list) {
    if (list == null) {
      return GraphPlan.NONE;
    }
    int[] a = new int[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = list.get(i);
    }
    return a;
  }
}
