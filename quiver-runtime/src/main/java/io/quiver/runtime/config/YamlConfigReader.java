package io.quiver.runtime.config;

import io.quiver.codec.YamlNesting;
import io.quiver.runtime.ResourceType;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a Tremor 0.11 YAML deployment file ({@code onramp}, {@code offramp}, {@code binding},
 * {@code mapping}) into specs, collecting every problem with its line and column. Unknown keys are
 * errors, as in Tremor (serde's {@code deny_unknown_fields} in src/config.rs), and use serde's
 * wording: {@code unknown field `x`, expected one of `a`, `b`}.
 */
public final class YamlConfigReader {

  static final List<String> TOP_LEVEL = List.of("onramp", "offramp", "binding", "mapping");
  static final List<String> ONRAMP_FIELDS =
      List.of(
          "id",
          "type",
          "description",
          "linked",
          "codec",
          "codec_map",
          "preprocessors",
          "postprocessors",
          "err_required",
          "metrics_interval_s",
          "config");
  static final List<String> OFFRAMP_FIELDS =
      List.of(
          "id",
          "type",
          "description",
          "linked",
          "codec",
          "codec_map",
          "preprocessors",
          "postprocessors",
          "metrics_interval_s",
          "config");
  static final List<String> BINDING_FIELDS = List.of("id", "description", "links");

  private final String file;
  private final Problems problems;

  private YamlConfigReader(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Reads one file's text; problems go to {@code problems}, what could be read is returned. */
  public static ConfigFile read(String fileName, String text, Problems problems) {
    return new YamlConfigReader(fileName, problems).readDocument(text);
  }

  /**
   * Reads one onramp or offramp written alone, as the REST API takes it (a YAML or JSON mapping):
   * the problems are those a deployment file's artefact has.
   */
  public static Optional<RampSpec> readRamp(
      ResourceType kind, String fileName, String text, Problems problems) {
    YamlConfigReader reader = new YamlConfigReader(fileName, problems);
    List<RampSpec> out = new ArrayList<>();
    reader.compose(text).ifPresent(root -> reader.readRamp(root, kind, out));
    return out.stream().findFirst();
  }

  /** Reads one binding written alone, as the REST API takes it. */
  public static Optional<BindingSpec> readBinding(String fileName, String text, Problems problems) {
    YamlConfigReader reader = new YamlConfigReader(fileName, problems);
    List<BindingSpec> out = new ArrayList<>();
    reader.compose(text).ifPresent(root -> reader.readBinding(root, out));
    return out.stream().findFirst();
  }

  /** The document's root node; empty (with a problem) when it does not parse or is empty. */
  private Optional<Node> compose(String text) {
    return parse(text, true);
  }

  /**
   * The document's root node; empty when it does not parse (with a problem) or is empty (with a
   * problem when {@code emptyIsProblem}: a lone artefact must be there, a deployment file may
   * declare nothing).
   */
  private Optional<Node> parse(String text, boolean emptyIsProblem) {
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(file)
              .setSchema(new CoreSchema())
              .setAllowDuplicateKeys(false)
              .build();
      Optional<Mark> deep = YamlNesting.tooDeep(text, settings);
      if (deep.isPresent()) {
        problems.add(loc(deep.get()), "invalid YAML: " + YamlNesting.message());
        return Optional.empty();
      }
      Optional<Node> root = new Compose(settings).composeString(text);
      if (root.isEmpty() || isNull(root.get())) {
        if (emptyIsProblem) {
          problems.add(Location.ofFile(file), "invalid YAML: the document is empty");
        }
        return Optional.empty();
      }
      return root;
    } catch (MarkedYamlEngineException e) {
      Location at = e.getProblemMark().map(this::loc).orElse(Location.ofFile(file));
      problems.add(at, "invalid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      problems.add(Location.ofFile(file), "invalid YAML: " + e.getMessage());
    }
    return Optional.empty();
  }

  private ConfigFile readDocument(String text) {
    List<RampSpec> onramps = new ArrayList<>();
    List<RampSpec> offramps = new ArrayList<>();
    List<BindingSpec> bindings = new ArrayList<>();
    List<MappingSpec> mappings = new ArrayList<>();
    ConfigFile result = new ConfigFile(file, onramps, offramps, bindings, mappings);
    Optional<Node> root = parse(text, false);
    if (root.isEmpty()) {
      return result;
    }
    if (!(root.get() instanceof MappingNode top)) {
      problems.add(
          loc(root.get()), "invalid type: expected a mapping with keys " + expected(TOP_LEVEL));
      return result;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (NodeTuple t : top.getValue()) {
      String key = keyOf(t);
      Node value = t.getValueNode();
      if (TOP_LEVEL.contains(key) && !seen.add(key)) {
        problems.add(loc(t.getKeyNode()), "duplicate field `" + key + "`");
        continue;
      }
      switch (key) {
        case "onramp" -> eachItem(value, "onramp", n -> readRamp(n, ResourceType.ONRAMP, onramps));
        case "offramp" ->
            eachItem(value, "offramp", n -> readRamp(n, ResourceType.OFFRAMP, offramps));
        case "binding" -> eachItem(value, "binding", n -> readBinding(n, bindings));
        case "mapping" -> readMappings(value, mappings);
        default -> problems.add(loc(t.getKeyNode()), unknownField(key, TOP_LEVEL));
      }
    }
    return result;
  }

  private void eachItem(Node seq, String what, java.util.function.Consumer<Node> reader) {
    if (isNull(seq)) {
      return;
    }
    if (!(seq instanceof SequenceNode s)) {
      problems.add(loc(seq), "invalid type: `" + what + "` must be a list of " + what + "s");
      return;
    }
    for (Node item : s.getValue()) {
      reader.accept(item);
    }
  }

  private void readRamp(Node node, ResourceType kind, List<RampSpec> out) {
    List<String> allowed = kind == ResourceType.ONRAMP ? ONRAMP_FIELDS : OFFRAMP_FIELDS;
    if (!(node instanceof MappingNode m)) {
      problems.add(
          loc(node),
          "invalid type: an " + kind.word() + " must be a mapping with keys " + expected(allowed));
      return;
    }
    Map<String, Node> fields = fields(m, allowed);
    Location configLocation = null;
    for (NodeTuple t : m.getValue()) {
      if ("config".equals(keyOf(t))) {
        configLocation = loc(t.getKeyNode());
      }
    }
    Map<String, Location> fieldLocations = new LinkedHashMap<>();
    fields.forEach((k, v) -> fieldLocations.put(k, loc(v)));
    String id = requiredString(fields, "id", m);
    String type = requiredString(fields, "type", m);
    String description = optionalString(fields, "description");
    boolean linked = optionalBool(fields, "linked");
    String codec = optionalString(fields, "codec");
    Map<String, String> codecMap = stringMap(fields.get("codec_map"));
    List<String> pre = stringList(fields.get("preprocessors"), "preprocessors");
    List<String> post = stringList(fields.get("postprocessors"), "postprocessors");
    boolean errRequired = optionalBool(fields, "err_required");
    Long metrics = optionalLong(fields, "metrics_interval_s");
    Map<String, Location> configKeyLocations = new LinkedHashMap<>();
    Value config = null;
    Node configNode = fields.get("config");
    if (configNode != null && !isNull(configNode)) {
      rejectDuplicateEntries(configNode);
      config = toValue(configNode);
      if (configNode instanceof MappingNode cm) {
        for (NodeTuple t : cm.getValue()) {
          configKeyLocations.put(keyOf(t), loc(t.getKeyNode()));
        }
      }
    }
    if (id == null || type == null) {
      return;
    }
    out.add(
        new RampSpec(
            kind,
            id,
            type,
            description,
            linked,
            codec,
            codecMap,
            pre,
            post,
            errRequired,
            metrics,
            config,
            loc(m),
            fieldLocations,
            configKeyLocations,
            configLocation));
  }

  private void readBinding(Node node, List<BindingSpec> out) {
    if (!(node instanceof MappingNode m)) {
      problems.add(
          loc(node),
          "invalid type: a binding must be a mapping with keys " + expected(BINDING_FIELDS));
      return;
    }
    Map<String, Node> fields = fields(m, BINDING_FIELDS);
    String id = requiredString(fields, "id", m);
    String description = optionalString(fields, "description");
    List<BindingSpec.Link> links = new ArrayList<>();
    Node linksNode = fields.get("links");
    if (linksNode == null || isNull(linksNode)) {
      problems.add(loc(m), "missing field `links`");
    } else if (!(linksNode instanceof MappingNode lm)) {
      problems.add(
          loc(linksNode),
          "invalid type: `links` must map each source URL to a list of target URLs");
    } else {
      rejectDuplicateEntries(lm);
      for (NodeTuple t : lm.getValue()) {
        String from = scalarText(t.getKeyNode());
        Node to = t.getValueNode();
        if (from == null) {
          problems.add(loc(t.getKeyNode()), "invalid type: a link source must be a URL string");
          continue;
        }
        if (to instanceof ScalarNode s && !isNull(s)) {
          links.add(new BindingSpec.Link(from, s.getValue(), loc(s)));
        } else if (to instanceof SequenceNode seq) {
          for (Node target : seq.getValue()) {
            String text = scalarText(target);
            if (text == null) {
              problems.add(loc(target), "invalid type: a link target must be a URL string");
            } else {
              links.add(new BindingSpec.Link(from, text, loc(target)));
            }
          }
        } else {
          problems.add(
              loc(to), "invalid type: the targets of link `" + from + "` must be a list of URLs");
        }
      }
    }
    if (id != null) {
      out.add(new BindingSpec(id, description, links, loc(m)));
    }
  }

  private void readMappings(Node node, List<MappingSpec> out) {
    if (isNull(node)) {
      return;
    }
    if (!(node instanceof MappingNode m)) {
      problems.add(
          loc(node),
          "invalid type: `mapping` must map binding URLs (/binding/<id>/<instance>) to values such as {instance: \"01\"}");
      return;
    }
    rejectDuplicateEntries(m);
    for (NodeTuple t : m.getValue()) {
      String url = scalarText(t.getKeyNode());
      if (url == null) {
        problems.add(loc(t.getKeyNode()), "invalid type: a mapping key must be a binding URL");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      Node v = t.getValueNode();
      if (!isNull(v)) {
        if (!(v instanceof MappingNode vm)) {
          problems.add(
              loc(v),
              "invalid type: the mapping for `"
                  + url
                  + "` must be a mapping such as {instance: \"01\"}");
          continue;
        }
        for (NodeTuple e : vm.getValue()) {
          String text = scalarText(e.getValueNode());
          if (text == null) {
            problems.add(
                loc(e.getValueNode()),
                "invalid type: mapping value `" + keyOf(e) + "` must be a string");
          } else {
            values.put(keyOf(e), text);
          }
        }
      }
      out.add(new MappingSpec(url, values, loc(t.getKeyNode())));
    }
  }

  // ---- field helpers ----

  private Map<String, Node> fields(MappingNode m, List<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = keyOf(t);
      if (!allowed.contains(key)) {
        problems.add(loc(t.getKeyNode()), unknownField(key, allowed));
      } else if (out.containsKey(key)) {
        problems.add(loc(t.getKeyNode()), "duplicate field `" + key + "`");
      } else {
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  private String requiredString(Map<String, Node> fields, String name, Node owner) {
    Node n = fields.get(name);
    if (n == null || isNull(n)) {
      problems.add(loc(owner), "missing field `" + name + "`");
      return null;
    }
    String s = scalarText(n);
    if (s == null || s.isEmpty()) {
      problems.add(loc(n), "invalid type: `" + name + "` must be a non-empty string");
      return null;
    }
    return s;
  }

  private String optionalString(Map<String, Node> fields, String name) {
    Node n = fields.get(name);
    if (n == null || isNull(n)) {
      return null;
    }
    String s = scalarText(n);
    if (s == null) {
      problems.add(loc(n), "invalid type: `" + name + "` must be a string");
    }
    return s;
  }

  private boolean optionalBool(Map<String, Node> fields, String name) {
    Node n = fields.get(name);
    if (n == null || isNull(n)) {
      return false;
    }
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    problems.add(loc(n), "invalid type: `" + name + "` must be true or false");
    return false;
  }

  private Long optionalLong(Map<String, Node> fields, String name) {
    Node n = fields.get(name);
    if (n == null || isNull(n)) {
      return null;
    }
    if (toValue(n) instanceof Value.Int i && i.value() >= 0) {
      return i.value();
    }
    problems.add(
        loc(n), "invalid type: `" + name + "` must be a whole number of seconds (0 or more)");
    return null;
  }

  private List<String> stringList(Node n, String name) {
    List<String> out = new ArrayList<>();
    if (n == null || isNull(n)) {
      return out;
    }
    if (!(n instanceof SequenceNode seq)) {
      problems.add(loc(n), "invalid type: `" + name + "` must be a list of names, e.g. [lines]");
      return out;
    }
    for (Node item : seq.getValue()) {
      String s = scalarText(item);
      if (s == null) {
        problems.add(loc(item), "invalid type: every entry of `" + name + "` must be a name");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private Map<String, String> stringMap(Node n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || isNull(n)) {
      return out;
    }
    if (!(n instanceof MappingNode m)) {
      problems.add(loc(n), "invalid type: `codec_map` must map mime types to codec names");
      return out;
    }
    rejectDuplicateEntries(m);
    for (NodeTuple t : m.getValue()) {
      String v = scalarText(t.getValueNode());
      if (v == null) {
        problems.add(loc(t.getValueNode()), "invalid type: `codec_map` values must be codec names");
      } else {
        out.put(keyOf(t), v);
      }
    }
    return out;
  }

  // ---- node helpers ----

  /**
   * Reports every repeated key in the mappings at or below {@code root}, at the repeated key, in
   * serde_yaml's wording ({@code duplicate entry with key "port"}, its {@code Mapping} visitor):
   * the last value must not silently win. Walks with its own stack, so deep input cannot overflow.
   */
  private void rejectDuplicateEntries(Node root) {
    java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      switch (todo.pop()) {
        case MappingNode m -> {
          java.util.Set<String> keys = new java.util.HashSet<>();
          List<Node> children = new ArrayList<>();
          for (NodeTuple t : m.getValue()) {
            if (!keys.add(keyOf(t))) {
              problems.add(
                  loc(t.getKeyNode()), "duplicate entry with key " + describeKey(t.getKeyNode()));
            }
            children.add(t.getValueNode());
          }
          for (int i = children.size() - 1; i >= 0; i--) {
            todo.push(children.get(i));
          }
        }
        case SequenceNode seq -> {
          List<Node> items = seq.getValue();
          for (int i = items.size() - 1; i >= 0; i--) {
            todo.push(items.get(i));
          }
        }
        default -> {}
      }
    }
  }

  /** A key as serde_yaml shows it: strings quoted, numbers, booleans and null bare. */
  private static String describeKey(Node key) {
    if (key instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
      return io.quiver.value.Json.write(Value.of(s.getValue()));
    }
    return key instanceof ScalarNode s ? s.getValue() : String.valueOf(toValue(key));
  }

  /** Converts a YAML node to a value (core schema: null, bools, ints, floats, strings). */
  static Value toValue(Node node) {
    return switch (node) {
      case ScalarNode s -> scalarValue(s);
      case SequenceNode seq -> {
        List<Value> items = new ArrayList<>(seq.getValue().size());
        for (Node item : seq.getValue()) {
          items.add(toValue(item));
        }
        yield Value.array(items);
      }
      case MappingNode m -> {
        LinkedHashMap<String, Value> map = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
          map.put(keyOf(t), toValue(t.getValueNode()));
        }
        yield Value.obj(map);
      }
      default -> Value.NULL;
    };
  }

  private static Value scalarValue(ScalarNode s) {
    Tag tag = s.getTag();
    String text = s.getValue();
    try {
      if (tag.equals(Tag.NULL)) {
        return Value.NULL;
      } else if (tag.equals(Tag.BOOL)) {
        return Value.of(Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT)));
      } else if (tag.equals(Tag.INT)) {
        return Value.of(parseInt(text));
      } else if (tag.equals(Tag.FLOAT)) {
        return Value.of(parseFloat(text));
      }
    } catch (NumberFormatException e) {
      return Value.of(text);
    }
    return Value.of(text);
  }

  private static long parseInt(String text) {
    String t = text.replace("_", "");
    if (t.startsWith("0x")) {
      return Long.parseLong(t.substring(2), 16);
    }
    if (t.startsWith("0o")) {
      return Long.parseLong(t.substring(2), 8);
    }
    return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
  }

  private static double parseFloat(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return switch (t) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.parseDouble(t);
    };
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static String keyOf(NodeTuple t) {
    Node k = t.getKeyNode();
    return k instanceof ScalarNode s ? s.getValue() : String.valueOf(toValue(k));
  }

  private static String scalarText(Node n) {
    return n instanceof ScalarNode s && !isNull(s) ? s.getValue() : null;
  }

  private Location loc(Node n) {
    return n.getStartMark().map(this::loc).orElse(Location.ofFile(file));
  }

  private Location loc(Mark m) {
    return new Location(file, m.getLine() + 1, m.getColumn() + 1);
  }

  static String unknownField(String key, List<String> allowed) {
    return "unknown field `" + key + "`, expected one of " + expected(allowed);
  }

  private static String expected(List<String> allowed) {
    return allowed.stream().map(a -> "`" + a + "`").collect(Collectors.joining(", "));
  }
}
