package io.quiver.server.logging;

import ch.qos.logback.classic.Level;
import io.quiver.server.logging.Log4rsConfig.Appender;
import io.quiver.server.logging.Log4rsConfig.Console;
import io.quiver.server.logging.Log4rsConfig.FileAppender;
import io.quiver.server.logging.Log4rsConfig.Logger;
import io.quiver.server.logging.Log4rsConfig.RollingFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a log4rs 1.0 YAML text into a {@link Log4rsConfig}. What Quiver cannot translate is refused
 * with a {@link LoggerConfigException} naming the key (dotted path) and what is supported.
 */
final class Log4rsReader {
  private static final Set<String> TOP = Set.of("refresh_rate", "appenders", "root", "loggers");
  private static final Pattern SIZE =
      Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?\\s*");

  private final String file;

  private Log4rsReader(String file) {
    this.file = file;
  }

  /** Parses {@code text}; {@code file} names it in errors. */
  static Log4rsConfig read(String text, String file) throws LoggerConfigException {
    return new Log4rsReader(file).read(text);
  }

  private Log4rsConfig read(String text) throws LoggerConfigException {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw fail("", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, Object> top = map(doc == null ? Map.of() : doc, "");
    known(top, TOP, "");
    Map<String, Appender> appenders = new LinkedHashMap<>();
    for (var e : map(orEmpty(top.get("appenders")), "appenders").entrySet()) {
      appenders.put(e.getKey(), appender(map(e.getValue(), "appenders." + e.getKey()), e.getKey()));
    }
    Map<String, Object> rootMap = map(orEmpty(top.get("root")), "root");
    known(rootMap, Set.of("level", "appenders"), "root");
    Logger root =
        new Logger(
            "root",
            level(rootMap.getOrDefault("level", "debug"), "root.level"),
            names(rootMap.get("appenders"), "root.appenders", appenders.keySet()),
            true);
    List<Logger> loggers = new ArrayList<>();
    for (var e : map(orEmpty(top.get("loggers")), "loggers").entrySet()) {
      String key = "loggers." + e.getKey();
      Map<String, Object> l = map(orEmpty(e.getValue()), key);
      known(l, Set.of("level", "appenders", "additive"), key);
      loggers.add(
          new Logger(
              e.getKey(),
              l.containsKey("level") ? level(l.get("level"), key + ".level") : null,
              names(l.get("appenders"), key + ".appenders", appenders.keySet()),
              bool(l.getOrDefault("additive", true), key + ".additive")));
    }
    return new Log4rsConfig(appenders, root, loggers);
  }

  private Appender appender(Map<String, Object> a, String name) throws LoggerConfigException {
    String key = "appenders." + name;
    Object kind = a.get("kind");
    if (kind == null) {
      throw fail(key + ".kind", "missing; give console, file or rolling_file");
    }
    String pattern = encoder(a.get("encoder"), key + ".encoder");
    List<Level> thresholds = filters(a.get("filters"), key + ".filters");
    switch (String.valueOf(kind)) {
      case "console" -> {
        known(a, Set.of("kind", "target", "tty_only", "encoder", "filters"), key);
        String target = String.valueOf(a.getOrDefault("target", "stdout"));
        if (!target.equals("stdout") && !target.equals("stderr")) {
          throw fail(key + ".target", "`" + target + "` is not supported; give stdout or stderr");
        }
        if (bool(a.getOrDefault("tty_only", false), key + ".tty_only")
            && System.console() == null) {
          thresholds = List.of(Level.OFF);
        }
        return new Console(target.equals("stderr"), pattern, thresholds);
      }
      case "file" -> {
        known(a, Set.of("kind", "path", "append", "encoder", "filters"), key);
        return new FileAppender(
            path(a, key),
            bool(a.getOrDefault("append", true), key + ".append"),
            pattern,
            thresholds);
      }
      case "rolling_file" -> {
        known(a, Set.of("kind", "path", "append", "encoder", "filters", "policy"), key);
        Map<String, Object> policy = map(required(a, "policy", key), key + ".policy");
        String pk = key + ".policy";
        known(policy, Set.of("kind", "trigger", "roller"), pk);
        if (!String.valueOf(policy.getOrDefault("kind", "compound")).equals("compound")) {
          throw fail(pk + ".kind", "only `compound` is supported");
        }
        Map<String, Object> trigger = map(required(policy, "trigger", pk), pk + ".trigger");
        known(trigger, Set.of("kind", "limit"), pk + ".trigger");
        if (!String.valueOf(trigger.get("kind")).equals("size")) {
          throw fail(pk + ".trigger.kind", "only `size` is supported");
        }
        long limit = size(required(trigger, "limit", pk + ".trigger"), pk + ".trigger.limit");
        Map<String, Object> roller = map(required(policy, "roller", pk), pk + ".roller");
        known(roller, Set.of("kind", "pattern", "base", "count"), pk + ".roller");
        if (!String.valueOf(roller.get("kind")).equals("fixed_window")) {
          throw fail(
              pk + ".roller.kind",
              "only `fixed_window` is supported (not `" + roller.get("kind") + "`)");
        }
        String archive = String.valueOf(required(roller, "pattern", pk + ".roller"));
        if (!archive.contains("{}")) {
          throw fail(pk + ".roller.pattern", "must contain {} where the index goes");
        }
        int base = integer(roller.getOrDefault("base", 0), pk + ".roller.base");
        int count = integer(required(roller, "count", pk + ".roller"), pk + ".roller.count");
        if (count < 1 || count > 20 || base < 0) {
          throw fail(pk + ".roller", "count must be 1 to 20 and base 0 or more");
        }
        return new RollingFile(
            path(a, key),
            bool(a.getOrDefault("append", true), key + ".append"),
            pattern,
            thresholds,
            limit,
            archive,
            base,
            count);
      }
      default ->
          throw fail(
              key + ".kind",
              "`"
                  + kind
                  + "` is not supported; supported kinds: console, file, rolling_file"
                  + " (or give a logback XML file)");
    }
  }

  private String encoder(Object value, String key) throws LoggerConfigException {
    if (value == null) {
      return Log4rsConfig.DEFAULT_PATTERN;
    }
    Map<String, Object> e = map(value, key);
    known(e, Set.of("kind", "pattern"), key);
    String kind = String.valueOf(e.getOrDefault("kind", "pattern"));
    if (!kind.equals("pattern")) {
      throw fail(key + ".kind", "`" + kind + "` is not supported; only `pattern` is");
    }
    return String.valueOf(e.getOrDefault("pattern", Log4rsConfig.DEFAULT_PATTERN));
  }

  private List<Level> filters(Object value, String key) throws LoggerConfigException {
    List<Level> levels = new ArrayList<>();
    if (value == null) {
      return levels;
    }
    if (!(value instanceof List<?> list)) {
      throw fail(key, "must be a list of filters");
    }
    for (int i = 0; i < list.size(); i++) {
      String k = key + "[" + i + "]";
      Map<String, Object> f = map(list.get(i), k);
      known(f, Set.of("kind", "level"), k);
      if (!String.valueOf(f.get("kind")).equals("threshold")) {
        throw fail(k + ".kind", "only `threshold` filters are supported");
      }
      levels.add(level(required(f, "level", k), k + ".level"));
    }
    return levels;
  }

  private Level level(Object value, String key) throws LoggerConfigException {
    String s = String.valueOf(value).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "off" -> Level.OFF;
      case "error" -> Level.ERROR;
      case "warn" -> Level.WARN;
      case "info" -> Level.INFO;
      case "debug" -> Level.DEBUG;
      case "trace" -> Level.TRACE;
      default ->
          throw fail(
              key, "`" + value + "` is no level; give off, error, warn, info, debug or trace");
    };
  }

  private List<String> names(Object value, String key, Set<String> defined)
      throws LoggerConfigException {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw fail(key, "must be a list of appender names");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      String name = String.valueOf(o);
      if (!defined.contains(name)) {
        throw fail(key, "appender `" + name + "` is not defined under appenders");
      }
      out.add(name);
    }
    return out;
  }

  private long size(Object value, String key) throws LoggerConfigException {
    Matcher m = SIZE.matcher(String.valueOf(value));
    if (!m.matches()) {
      throw fail(key, "`" + value + "` is no size; give bytes or e.g. `10 mb`");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    // log4rs 1.0 counts kb/mb/gb/tb in powers of 1024, like kib/mib/gib/tib
    int shift =
        switch (unit.charAt(0)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          case 't' -> 40;
          default -> 0;
        };
    return n << shift;
  }

  private String path(Map<String, Object> a, String key) throws LoggerConfigException {
    String p = String.valueOf(required(a, "path", key));
    if (p.contains("$ENV{")) {
      throw fail(key + ".path", "environment variables ($ENV{...}) are not supported");
    }
    return p;
  }

  private int integer(Object value, String key) throws LoggerConfigException {
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw fail(key, "`" + value + "` is no integer");
  }

  private boolean bool(Object value, String key) throws LoggerConfigException {
    if (value instanceof Boolean b) {
      return b;
    }
    throw fail(key, "`" + value + "` is no boolean; give true or false");
  }

  private Object required(Map<String, Object> m, String name, String key)
      throws LoggerConfigException {
    Object v = m.get(name);
    if (v == null) {
      throw fail(key.isEmpty() ? name : key + "." + name, "missing");
    }
    return v;
  }

  private void known(Map<String, Object> m, Set<String> allowed, String key)
      throws LoggerConfigException {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw fail(
            key.isEmpty() ? k : key + "." + k,
            "not supported here; supported: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private Map<String, Object> map(Object value, String key) throws LoggerConfigException {
    if (!(value instanceof Map<?, ?> m)) {
      throw fail(key.isEmpty() ? "(document)" : key, "must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Object orEmpty(Object value) {
    return value == null ? Map.of() : value;
  }

  private LoggerConfigException fail(String key, String problem) {
    return new LoggerConfigException(
        file + ": " + (key.isEmpty() ? "" : key + ": ") + problem.replace('\n', ' '));
  }
}
