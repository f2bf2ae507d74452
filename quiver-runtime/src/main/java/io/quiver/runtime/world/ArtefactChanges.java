package io.quiver.runtime.world;

import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.world.ChangeRefused.Reason;
import io.quiver.script.ScriptException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Artefacts of a running deployment published and unpublished, as Tremor's REST API does it, and
 * what is published and running of them. Called by {@link World} only, which serialises the calls;
 * binding instances are {@link LiveChanges}'.
 */
final class ArtefactChanges {
  /** Where problems of artefacts that came over the API are said to be. */
  static final String API_SOURCE = "<API>";

  static final String EXISTS = "A resource with the requested ID already exists";
  static final String NOT_FOUND = "Artefact not found";
  static final String ACTIVE = "Resource still has active instances";
  static final String SYSTEM = "System artefacts cannot be unpublished";

  private final DeploymentPlan plan;
  private final Instances instances;

  ArtefactChanges(DeploymentPlan plan, Instances instances) {
    this.plan = plan;
    this.instances = instances;
  }

  RampSpec publish(RampSpec spec) throws ChangeRefused {
    boolean exists =
        spec.kind() == ResourceType.ONRAMP
            ? plan.repository().onramps.containsKey(spec.id())
            : plan.repository().offramps.containsKey(spec.id())
                || SystemArtefacts.isStdStream(spec.id());
    if (exists) {
      throw new ChangeRefused(Reason.ALREADY_EXISTS, EXISTS);
    }
    Problems found = new Problems();
    Optional<ValidatedRamp> valid = plan.validate(spec, found);
    if (valid.isEmpty() || !found.isEmpty()) {
      throw ChangeRefused.invalid(found.list());
    }
    plan.publish(valid.get());
    return spec;
  }

  /** Compiles and publishes a pipeline; it must name itself with {@code #!config id}. */
  PipelineDefinition publishPipeline(String source) throws ChangeRefused {
    PipelineDefinition def;
    try {
      def = PipelineCompiler.compile(source, API_SOURCE, "");
    } catch (ScriptException e) {
      throw ChangeRefused.invalid(
          List.of(
              new Problem(
                  new Location(API_SOURCE, e.line(), e.column()),
                  "invalid pipeline:\n" + e.renderAll())));
    }
    if (def.id().isEmpty()) {
      throw new ChangeRefused(Reason.NO_ID, "no `#!config id = \"trickle-id\"` directive provided");
    }
    if (plan.repository().pipelines.containsKey(def.id())) {
      throw new ChangeRefused(Reason.ALREADY_EXISTS, EXISTS);
    }
    plan.publish(def, source, Location.ofFile(API_SOURCE));
    return def;
  }

  BindingSpec publish(BindingSpec binding) throws ChangeRefused {
    if (plan.repository().bindings.containsKey(binding.id())) {
      throw new ChangeRefused(Reason.ALREADY_EXISTS, EXISTS);
    }
    Problems found = new Problems();
    for (BindingSpec.Link l : binding.links()) {
      for (String url : List.of(l.from(), l.to())) {
        try {
          TremorUrl.parse(url);
        } catch (IllegalArgumentException e) {
          found.add(l.location(), "binding " + binding.id() + ": " + e.getMessage());
        }
      }
    }
    if (!found.isEmpty()) {
      throw ChangeRefused.invalid(found.list());
    }
    plan.publish(binding);
    return binding;
  }

  /** Unpublishes an artefact that no instance runs; returns what it was. */
  void unpublish(ResourceType type, String id) throws ChangeRefused {
    if (!published(type, id)) {
      throw new ChangeRefused(Reason.NOT_FOUND, NOT_FOUND);
    }
    if (SystemArtefacts.isSystem(id)) {
      throw new ChangeRefused(Reason.SYSTEM_ARTEFACT, SYSTEM);
    }
    if (!instanceIds(type, id).isEmpty()) {
      throw new ChangeRefused(Reason.HAS_INSTANCES, ACTIVE);
    }
    plan.unpublish(type, id);
  }

  boolean published(ResourceType type, String id) {
    Repository repo = plan.repository();
    return switch (type) {
      case ONRAMP -> repo.onramps.containsKey(id);
      case OFFRAMP -> repo.offramps.containsKey(id) || SystemArtefacts.isStdStream(id);
      case PIPELINE -> repo.pipelines.containsKey(id);
      case BINDING -> repo.bindings.containsKey(id);
    };
  }

  /** The instance ids of an artefact that run (of a binding: its active instances). */
  List<String> instanceIds(ResourceType type, String id) {
    if (type == ResourceType.BINDING) {
      return plan.bindingInstances().stream()
          .filter(b -> b.bindingId().equals(id))
          .map(b -> b.key().instance())
          .toList();
    }
    Set<String> paths =
        switch (type) {
          case ONRAMP -> instances.onramps.keySet();
          case OFFRAMP -> instances.offramps.keySet();
          default -> instances.pipelines.keySet();
        };
    String prefix = "/" + type.word() + "/" + id + "/";
    return paths.stream()
        .filter(p -> p.startsWith(prefix))
        .map(p -> p.substring(prefix.length()))
        .toList();
  }
}
