package io.quiver.runtime.world;

import io.quiver.pipeline.PipelineDefinition;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The published artefacts of a deployment, by id (Tremor's artefact repository). */
final class Repository {
  final Map<String, RampSpec> onramps = new LinkedHashMap<>();
  final Map<String, RampSpec> offramps = new LinkedHashMap<>();
  final Map<String, PipelineDefinition> pipelines = new LinkedHashMap<>();
  final Map<String, Location> pipelineLocations = new LinkedHashMap<>();

  /** The Trickle text of each pipeline read from a file or published (the REST API shows it). */
  final Map<String, String> pipelineSources = new LinkedHashMap<>();

  final Map<String, BindingSpec> bindings = new LinkedHashMap<>();

  void addOnramp(RampSpec spec, Problems problems) {
    RampSpec first = onramps.putIfAbsent(spec.id(), spec);
    if (first != null) {
      problems.add(spec.locationOf("id"), duplicate("onramp", spec.id(), first.location()));
    }
  }

  void addOfframp(RampSpec spec, Problems problems) {
    RampSpec first = offramps.putIfAbsent(spec.id(), spec);
    if (first != null) {
      problems.add(spec.locationOf("id"), duplicate("offramp", spec.id(), first.location()));
    }
  }

  void addPipeline(PipelineDefinition def, Location where, Problems problems) {
    if (pipelines.putIfAbsent(def.id(), def) != null) {
      problems.add(where, duplicate("pipeline", def.id(), pipelineLocations.get(def.id())));
    } else {
      pipelineLocations.put(def.id(), where);
    }
  }

  void addBinding(BindingSpec spec, Problems problems) {
    BindingSpec first = bindings.putIfAbsent(spec.id(), spec);
    if (first != null) {
      problems.add(spec.location(), duplicate("binding", spec.id(), first.location()));
    }
  }

  private static String duplicate(String what, String id, Location first) {
    return "duplicate "
        + what
        + " id `"
        + id
        + "` (first declared at "
        + first
        + "); ids must be unique";
  }

  /** "known onramps: a, b" for hints. */
  static String known(String what, java.util.Set<String> ids) {
    return ids.isEmpty()
        ? "no " + what + "s are declared"
        : "known " + what + "s: " + String.join(", ", new TreeSet<>(ids));
  }
}
