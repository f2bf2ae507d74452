package io.quiver.runtime.world;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.MappingSpec;
import io.quiver.runtime.config.Problems;
import io.quiver.spi.Ports;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a mapping into a {@link BindingInstance}: finds its binding, fills the placeholders of
 * every link with the mapping's values and checks each link against the published artefacts and
 * ports.
 */
final class BindingResolver {
  private final Repository repo;
  private final Map<String, ValidatedRamp> onramps;
  private final Map<String, ValidatedRamp> offramps;

  /**
   * @param onramps the onramps (and {@code offramps} the offramps) that passed validation: a link
   *     to one that did not adds no problem of its own, as it was reported where it is declared
   */
  BindingResolver(
      Repository repo, Map<String, ValidatedRamp> onramps, Map<String, ValidatedRamp> offramps) {
    this.repo = repo;
    this.onramps = onramps;
    this.offramps = offramps;
  }

  /** The binding instance {@code mapping} asks for; empty when a problem was reported. */
  Optional<BindingInstance> resolve(MappingSpec mapping, Problems problems) {
    TremorUrl bindingUrl;
    try {
      bindingUrl = TremorUrl.parse(mapping.bindingUrl());
    } catch (IllegalArgumentException e) {
      problems.add(mapping.location(), e.getMessage());
      return Optional.empty();
    }
    if (bindingUrl.type() != ResourceType.BINDING
        || bindingUrl.instance() == null
        || bindingUrl.port() != null) {
      problems.add(
          mapping.location(),
          "mapping key `"
              + mapping.bindingUrl()
              + "` must have the form /binding/<binding id>/<instance>");
      return Optional.empty();
    }
    BindingSpec binding = repo.bindings.get(bindingUrl.artefact());
    if (binding == null) {
      problems.add(
          mapping.location(),
          "binding `"
              + bindingUrl.artefact()
              + "` not found for mapping `"
              + mapping.bindingUrl()
              + "`; "
              + Repository.known("binding", repo.bindings.keySet()));
      return Optional.empty();
    }
    List<ResolvedLink> links = new ArrayList<>();
    boolean ok = true;
    for (BindingSpec.Link link : binding.links()) {
      ResolvedLink resolved = resolve(binding, link, mapping, problems);
      if (resolved == null) {
        ok = false;
      } else {
        links.add(resolved);
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    // Tremor's activation order: linked offramp outputs, then pipeline outputs, then onramps
    links.sort(Comparator.comparingInt(l -> l.kind().phase()));
    return Optional.of(
        new BindingInstance(
            InstanceKey.of(bindingUrl), binding.id(), mapping.location(), List.copyOf(links)));
  }

  private ResolvedLink resolve(
      BindingSpec binding, BindingSpec.Link link, MappingSpec mapping, Problems problems) {
    TremorUrl from;
    TremorUrl to;
    try {
      from = substitute(TremorUrl.parse(link.from()), mapping);
      to = substitute(TremorUrl.parse(link.to()), mapping);
    } catch (IllegalArgumentException e) {
      problems.add(link.location(), "binding " + binding.id() + ": " + e.getMessage());
      return null;
    }
    String prefix = "binding " + binding.id() + ": ";
    LinkKind kind = LinkKind.of(from.type(), to.type());
    if (kind == null) {
      problems.add(
          link.location(),
          prefix + LinkKind.FORMS + " (got " + link.from() + " -> " + link.to() + ")");
      return null;
    }
    boolean ok = true;
    for (TremorUrl u : List.of(from, to)) {
      if (u.instance() == null || u.port() == null) {
        problems.add(
            link.location(),
            prefix
                + "Bad URL: "
                + u.path()
                + " (a link end needs /<type>/<artefact>/<instance>/<port>)");
        return null;
      }
      if (u.instance().contains("{")) {
        problems.add(
            link.location(),
            prefix
                + u.path()
                + " has a placeholder that mapping `"
                + mapping.bindingUrl()
                + "` gives no value for (it gives: "
                + String.join(", ", mapping.values().keySet())
                + ")");
        ok = false;
      }
      if (artefactExists(u) && !validated(u)) {
        ok = false; // its own problems were reported where it is declared
      } else if (!artefactExists(u)) {
        problems.add(
            link.location(),
            prefix
                + u.path()
                + ": "
                + u.type().word()
                + " `"
                + u.artefact()
                + "` not found; "
                + knownOf(u.type()));
        ok = false;
      }
    }
    ok &= portsFit(from, link, prefix, problems);
    return ok ? new ResolvedLink(kind, from, to, link.location()) : null;
  }

  private static boolean portsFit(
      TremorUrl from, BindingSpec.Link link, String prefix, Problems problems) {
    boolean ok = true;
    if (from.type() == ResourceType.ONRAMP
        && !List.of(Ports.OUT, Ports.ERR, Ports.METRICS).contains(from.port())) {
      problems.add(
          link.location(), prefix + "Invalid Onramp Port: " + from.port() + ". Cannot connect.");
      ok = false;
    }
    // Tremor takes any target port on an offramp (it becomes the sink's input name, which no 0.11
    // sink reads) and ignores the target port on an onramp (src/repository/artefact.rs,
    // src/pipeline.rs send_events): `/offramp/out/{i}/out` and `/onramp/http/{i}/response` work
    if (from.type() == ResourceType.OFFRAMP && (Ports.IN.equals(from.port()))) {
      problems.add(
          link.location(),
          prefix + from.path() + ": `in` is an offramp's input; link from its `out` or `err` port");
      ok = false;
    }
    return ok;
  }

  /**
   * Replaces {@code {name}} placeholders in the instance segment with the mapping's values (Tremor
   * rewrites only that segment; unlike Tremor 0.11, every mapping key takes effect, not just one).
   */
  private static TremorUrl substitute(TremorUrl url, MappingSpec mapping) {
    String instance = url.instance();
    if (instance == null || !instance.contains("{")) {
      return url;
    }
    for (Map.Entry<String, String> e : mapping.values().entrySet()) {
      instance = instance.replace("{" + e.getKey() + "}", e.getValue());
    }
    return url.withInstance(instance);
  }

  private boolean artefactExists(TremorUrl u) {
    return switch (u.type()) {
      case ONRAMP -> repo.onramps.containsKey(u.artefact());
      case OFFRAMP ->
          repo.offramps.containsKey(u.artefact()) || SystemArtefacts.isStdStream(u.artefact());
      case PIPELINE -> repo.pipelines.containsKey(u.artefact());
      case BINDING -> repo.bindings.containsKey(u.artefact());
    };
  }

  private boolean validated(TremorUrl u) {
    return switch (u.type()) {
      case ONRAMP -> onramps.containsKey(u.artefact());
      case OFFRAMP ->
          offramps.containsKey(u.artefact()) || SystemArtefacts.isStdStream(u.artefact());
      default -> true;
    };
  }

  private String knownOf(ResourceType type) {
    return switch (type) {
      case ONRAMP -> Repository.known("onramp", repo.onramps.keySet());
      case OFFRAMP -> {
        Set<String> ids = new TreeSet<>(repo.offramps.keySet());
        ids.add(SystemArtefacts.STDOUT);
        ids.add(SystemArtefacts.STDERR);
        yield Repository.known("offramp", ids);
      }
      case PIPELINE -> Repository.known("pipeline", repo.pipelines.keySet());
      case BINDING -> Repository.known("binding", repo.bindings.keySet());
    };
  }
}
