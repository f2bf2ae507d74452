package io.quiver.server;

import io.quiver.runtime.Registry;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ProcessSetting;
import io.quiver.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the reference page of every plugin from the plugins' own declarations (names, config
 * keys, types, defaults, docs), so the docs cannot drift from the code.
 */
public final class ReferenceDocs {
  private ReferenceDocs() {}

  public static String render(Registry registry) {
    StringBuilder md = new StringBuilder();
    md.append("# Quiver plugin reference\n\n");
    md.append(
        "Generated from the plugins' declarations by `bin/quiver doc`; do not edit by hand.\n\n");
    md.append("## Onramps\n\n");
    for (String name : registry.sourceNames()) {
      var p = registry.source(name);
      md.append("### `").append(name).append("`\n\n");
      md.append("Default codec: `").append(p.defaultCodec()).append("`.\n\n");
      keys(md, p.configSpec());
    }
    md.append("## Offramps\n\n");
    for (String name : registry.sinkNames()) {
      var p = registry.sink(name);
      md.append("### `").append(name).append("`\n\n");
      md.append("Default codec: `").append(p.defaultCodec()).append("`.\n\n");
      keys(md, p.configSpec());
    }
    md.append("## Operators\n\n");
    md.append(
        "Every built-in operator a Trickle `define <module>::<operation> operator` can name, with its"
            + " parameters (`with`); their behaviour and contraflow are described in"
            + " [operators.md](operators.md).\n\n");
    io.quiver.pipeline.PipelineCompiler.operatorConfigSpecs()
        .forEach(
            (name, spec) -> {
              md.append("### `").append(name).append("`\n\n");
              keys(md, spec);
            });
    list(md, "Codecs", registry.codecNames());
    list(md, "Preprocessors", registry.preprocessorNames());
    list(md, "Postprocessors", registry.postprocessorNames());
    processSettings(md, registry);
    return md.toString();
  }

  /**
   * The process-wide settings (JVM system properties) the onramps and offramps declare, each once.
   */
  private static void processSettings(StringBuilder md, Registry registry) {
    Map<String, ProcessSetting<?>> settings = new LinkedHashMap<>();
    for (String name : registry.sourceNames()) {
      registry.source(name).processSettings().forEach(s -> settings.putIfAbsent(s.name(), s));
    }
    for (String name : registry.sinkNames()) {
      registry.sink(name).processSettings().forEach(s -> settings.putIfAbsent(s.name(), s));
    }
    md.append("## Process settings\n\n");
    md.append(
        "JVM system properties read once per process: `-Dname=value` on the `java` command line or"
            + " in `QUIVER_JAVA_OPTS`. A value that is not valid is ignored with a warning and the"
            + " default is used.\n\n");
    md.append("| property | values | default | description |\n|---|---|---|---|\n");
    for (ProcessSetting<?> s : settings.values()) {
      md.append("| `")
          .append(s.name())
          .append("` | ")
          .append(s.type())
          .append(" | ")
          .append(s.defaultValue())
          .append(" | ")
          .append(s.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void keys(StringBuilder md, ConfigSpec spec) {
    if (spec.keys().isEmpty()) {
      md.append("No configuration.\n\n");
      return;
    }
    md.append("| key | type | default | description |\n|---|---|---|---|\n");
    for (ConfigKey k : spec.keys()) {
      String def =
          k.required()
              ? "required"
              : k.defaultValue() == null ? "unset" : "`" + Json.write(k.defaultValue()) + "`";
      md.append("| `")
          .append(k.name())
          .append("` | ")
          .append(k.type().description())
          .append(" | ")
          .append(def)
          .append(" | ")
          .append((k.doc() + fields(k.fields())).replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    md.append('\n');
  }

  /**
   * The fields of a record-valued key, appended to its description: {@code Fields: name (default
   * x): doc ...}; nested records list their own fields the same way.
   */
  private static String fields(ConfigSpec fields) {
    if (fields == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(" Fields:");
    for (ConfigKey k : fields.keys()) {
      out.append(' ').append(k.name());
      if (k.defaultValue() != null) {
        out.append(" (default ").append(Json.write(k.defaultValue())).append(')');
      }
      out.append(": ").append(k.doc()).append(fields(k.fields()));
    }
    return out.toString();
  }

  private static void list(StringBuilder md, String title, List<String> names) {
    md.append("## ").append(title).append("\n\n");
    for (String n : names) {
      md.append("- `").append(n).append("`\n");
    }
    md.append('\n');
  }
}
