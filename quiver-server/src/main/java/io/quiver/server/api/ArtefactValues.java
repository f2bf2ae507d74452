package io.quiver.server.api;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.world.BindingInstance;
import io.quiver.runtime.world.ResolvedLink;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Artefacts as Tremor's API writes them (serde of src/config.rs {@code OnRamp}, {@code OffRamp},
 * {@code Binding}): every field Tremor always writes, the optional ones only when set.
 */
final class ArtefactValues {
  private ArtefactValues() {}

  static Value ramp(RampSpec spec) {
    Map<String, Value> out = new LinkedHashMap<>();
    out.put("id", Value.of(spec.id()));
    out.put("type", Value.of(spec.type()));
    out.put("description", Value.of(spec.description() == null ? "" : spec.description()));
    out.put("linked", Value.of(spec.linked()));
    if (spec.kind() == ResourceType.ONRAMP) {
      out.put("err_required", Value.of(spec.errRequired()));
    }
    if (spec.codec() != null) {
      out.put("codec", Value.of(spec.codec()));
    }
    if (!spec.codecMap().isEmpty()) {
      Map<String, Value> map = new LinkedHashMap<>();
      spec.codecMap().forEach((k, v) -> map.put(k, Value.of(v)));
      out.put("codec_map", Value.obj(map));
    }
    if (!spec.preprocessors().isEmpty()) {
      out.put("preprocessors", strings(spec.preprocessors()));
    }
    if (!spec.postprocessors().isEmpty()) {
      out.put("postprocessors", strings(spec.postprocessors()));
    }
    if (spec.metricsIntervalS() != null) {
      out.put("metrics_interval_s", Value.of(spec.metricsIntervalS().longValue()));
    }
    if (spec.config() != null) {
      out.put("config", spec.config());
    }
    return Value.obj(out);
  }

  /** A binding artefact: its links from each source URL to its targets, as written. */
  static Value binding(BindingSpec spec) {
    Map<String, List<Value>> links = new LinkedHashMap<>();
    for (BindingSpec.Link l : spec.links()) {
      links.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(Value.of(l.to()));
    }
    return binding(spec.id(), spec.description(), links);
  }

  /** A binding instance: its links with the mapping's values filled in, as Tremor URLs. */
  static Value servant(BindingInstance instance, String description) {
    Map<String, List<Value>> links = new LinkedHashMap<>();
    for (ResolvedLink l : instance.links()) {
      links
          .computeIfAbsent(l.from().toString(), k -> new ArrayList<>())
          .add(Value.of(l.to().toString()));
    }
    return binding(instance.bindingId(), description, links);
  }

  private static Value binding(String id, String description, Map<String, List<Value>> links) {
    Map<String, Value> linkValues = new LinkedHashMap<>();
    links.forEach((from, to) -> linkValues.put(from, Value.array(to)));
    Map<String, Value> out = new LinkedHashMap<>();
    out.put("id", Value.of(id));
    out.put("description", Value.of(description == null ? "" : description));
    out.put("links", Value.obj(linkValues));
    return Value.obj(out);
  }

  /** {@code {"artefact": ..., "instances": [...]}}: what {@code GET /<kind>/<id>} answers. */
  static Value wrapped(Value artefact, List<String> instances) {
    Map<String, Value> out = new LinkedHashMap<>();
    out.put("artefact", artefact);
    out.put("instances", strings(instances));
    return Value.obj(out);
  }

  static Value strings(List<String> items) {
    return Value.array(items.stream().map(s -> (Value) Value.of(s)).toList());
  }
}
