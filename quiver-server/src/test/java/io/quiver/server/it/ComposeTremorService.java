package io.quiver.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One Tremor service of a workshop example's {@code docker-compose.yaml}: its bind mounts (folder
 * in the example -> path in the container) and environment, read so that a test can run the same
 * deployment outside a container by putting the example's folders where the container paths point.
 *
 * @param name the compose service name ({@code tremor}, {@code tremor_in}, ...)
 * @param mounts container path -> the example's folder, the longest container path first
 * @param environment the service's environment variables
 */
record ComposeTremorService(
    String name, Map<String, Path> mounts, Map<String, String> environment) {

  /** Every service of {@code compose} that runs a {@code tremorproject/tremor} image. */
  static List<ComposeTremorService> read(Path compose) throws IOException {
    Object doc =
        new Load(LoadSettings.builder().setAllowDuplicateKeys(true).build())
            .loadFromString(Files.readString(compose).replace("\t", "  "));
    List<ComposeTremorService> found = new ArrayList<>();
    if (!(doc instanceof Map<?, ?> root) || !(root.get("services") instanceof Map<?, ?> services)) {
      return found;
    }
    Path base = compose.getParent();
    for (Map.Entry<?, ?> s : services.entrySet()) {
      if (s.getValue() instanceof Map<?, ?> service
          && String.valueOf(service.get("image")).startsWith("tremorproject/tremor")) {
        found.add(
            new ComposeTremorService(
                String.valueOf(s.getKey()),
                mounts(base, service.get("volumes")),
                environment(service.get("environment"))));
      }
    }
    return found;
  }

  private static Map<String, Path> mounts(Path base, Object volumes) {
    List<String[]> pairs = new ArrayList<>();
    if (volumes instanceof List<?> list) {
      for (Object v : list) {
        String[] parts = String.valueOf(v).split(":");
        if (parts.length >= 2 && parts[0].startsWith(".")) {
          pairs.add(new String[] {parts[1], base.resolve(parts[0]).normalize().toString()});
        }
      }
    }
    pairs.sort(Comparator.comparingInt((String[] p) -> p[0].length()).reversed());
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (String[] p : pairs) {
      mounts.put(p[0], Path.of(p[1]));
    }
    return mounts;
  }

  private static Map<String, String> environment(Object env) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (env instanceof List<?> list) {
      for (Object v : list) {
        String s = String.valueOf(v);
        int eq = s.indexOf('=');
        if (eq > 0) {
          vars.put(s.substring(0, eq), s.substring(eq + 1));
        }
      }
    } else if (env instanceof Map<?, ?> map) {
      map.forEach((k, v) -> vars.put(String.valueOf(k), String.valueOf(v)));
    }
    return vars;
  }

  /** Where {@code containerPath} is outside the container, or itself when no mount covers it. */
  String host(String containerPath) {
    for (Map.Entry<String, Path> m : mounts.entrySet()) {
      String target = m.getKey();
      if (containerPath.equals(target)) {
        return m.getValue().toString();
      }
      if (containerPath.startsWith(target + "/")) {
        return m.getValue() + containerPath.substring(target.length());
      }
    }
    return containerPath;
  }

  /**
   * {@code text} with every mounted container path replaced by its host folder, as the container
   * would see the same files: one pass, the longest mount first so that a nested mount wins, and
   * only where a path starts (not inside a longer one, nor inside a host path already put in).
   */
  String rewrite(String text) {
    if (mounts.isEmpty()) {
      return text;
    }
    StringJoiner targets = new StringJoiner("|", "(?<![\\w./-])(", ")(?=[/\"'\\s]|$)");
    mounts.keySet().forEach(t -> targets.add(Pattern.quote(t)));
    Matcher m = Pattern.compile(targets.toString()).matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(mounts.get(m.group(1)).toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The folder the docker image's entrypoint loads artefacts from ({@code CFG_DIR}). */
  Path configDir() {
    String tremorDir = environment.getOrDefault("TREMOR_DIR", "/etc/tremor");
    return Path.of(host(environment.getOrDefault("CFG_DIR", tremorDir + "/config")));
  }

  /** The logger config the entrypoint passes ({@code LOGGER_FILE}). */
  Path loggerFile() {
    String tremorDir = environment.getOrDefault("TREMOR_DIR", "/etc/tremor");
    return Path.of(host(environment.getOrDefault("LOGGER_FILE", tremorDir + "/logger.yaml")));
  }

  /** The image's {@code TREMOR_PATH} ({@code /usr/local/share/tremor}) as mounted. */
  String tremorPath() {
    return host("/usr/local/share/tremor");
  }
}
