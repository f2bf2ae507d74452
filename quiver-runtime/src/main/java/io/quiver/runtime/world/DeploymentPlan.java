package io.quiver.runtime.world;

import io.quiver.runtime.Registry;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.MappingSpec;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.spi.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a deployment will run, worked out without running anything: the artefacts it publishes by
 * kind and id, every mapping resolved into a {@link BindingInstance} of concrete instances and
 * links, the order the instances are created in, and every problem found, all at once.
 *
 * <p>Building a plan reads and compiles files and checks them against the plugins of a {@link
 * Registry}; it creates no source, sink or pipeline instance, opens no socket and starts no thread.
 * {@link World#of} turns a plan into running instances.
 *
 * <p>The plan answers what publishing or unpublishing a mapping would change: {@link #resolve}
 * resolves a new mapping against its artefacts, {@link #newInstancesFor} names the instances it
 * needs that are not planned yet, and {@link #instancesOnlyUsedBy} those that would be unused
 * without a binding instance.
 */
public final class DeploymentPlan {
  private final Registry registry;
  private final Repository repo;
  private final Map<String, ValidatedRamp> onramps = new LinkedHashMap<>();
  private final Map<String, ValidatedRamp> offramps = new LinkedHashMap<>();
  private final List<BindingInstance> bindings = new ArrayList<>();

  /** The values of each binding instance's mapping, by its path ({@code /binding/main/01}). */
  private final Map<String, Map<String, String>> mappingValues = new LinkedHashMap<>();

  /** Per binding instance: how many problems were known once it was resolved. */
  private final List<Integer> problemMarks = new ArrayList<>();

  private final List<Problem> problems;

  private DeploymentPlan(Registry registry, List<Path> files, ArtefactLoader.Reader reader) {
    this.registry = registry;
    Problems found = new Problems();
    ArtefactLoader.Loaded loaded = ArtefactLoader.load(files, reader, found);
    this.repo = loaded.repository();
    RampValidator validator = new RampValidator(registry);
    repo.onramps.values().forEach(r -> validator.onramp(r, found).ifPresent(v -> put(onramps, v)));
    repo.offramps
        .values()
        .forEach(r -> validator.offramp(r, found).ifPresent(v -> put(offramps, v)));
    BindingResolver resolver = new BindingResolver(repo, onramps, offramps);
    for (MappingSpec m : loaded.mappings()) {
      Optional<BindingInstance> resolved = resolver.resolve(m, found);
      if (resolved.isPresent()) {
        bindings.add(resolved.get());
        problemMarks.add(found.list().size());
        mappingValues.put(
            resolved.get().path(), Collections.unmodifiableMap(new LinkedHashMap<>(m.values())));
      }
    }
    checkErrRequired(found);
    this.problems = found.list();
  }

  private static void put(Map<String, ValidatedRamp> ramps, ValidatedRamp ramp) {
    ramps.put(ramp.spec().id(), ramp);
  }

  /**
   * Plans a deployment from files.
   *
   * @param files {@code .trickle} files load first, then YAML files in the order given
   */
  public static DeploymentPlan load(List<Path> files, Registry registry) {
    return new DeploymentPlan(registry, files, ArtefactLoader::readFile);
  }

  /**
   * Plans a deployment from texts, as if read from files of these names (e.g. {@code config.yaml},
   * {@code pass.trickle}), in the map's order.
   */
  public static DeploymentPlan ofTexts(Map<String, String> textsByFileName, Registry registry) {
    List<Path> names = textsByFileName.keySet().stream().map(Path::of).toList();
    return new DeploymentPlan(
        registry, names, (file, problems) -> textsByFileName.get(file.toString()));
  }

  private void checkErrRequired(Problems found) {
    checkErrRequired(bindings, instances(), found);
  }

  /**
   * Reports each onramp of {@code onramps} whose artefact sets {@code err_required} that none of
   * {@code with} links from its {@code err} port.
   */
  void checkErrRequired(List<BindingInstance> with, List<InstanceKey> onramps, Problems found) {
    Set<InstanceKey> errLinked = new LinkedHashSet<>();
    for (BindingInstance b : with) {
      for (ResolvedLink l : b.links()) {
        if (l.kind() == LinkKind.ONRAMP_TO_PIPELINE && Ports.ERR.equals(l.from().port())) {
          errLinked.add(InstanceKey.of(l.from()));
        }
      }
    }
    for (InstanceKey k : onramps) {
      RampSpec spec = k.type() == ResourceType.ONRAMP ? repo.onramps.get(k.artefact()) : null;
      if (spec != null && spec.errRequired() && !errLinked.contains(k)) {
        found.add(
            spec.locationOf("err_required"),
            spec.path()
                + ": err_required is true but nothing is linked to "
                + k.path()
                + "/"
                + Ports.ERR
                + "; link it to a pipeline or drop err_required");
      }
    }
  }

  // ---- problems ----

  /** Every problem found, in the order found; empty when the plan can run. */
  public List<Problem> problems() {
    return problems;
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** This plan, when it has no problems. */
  public DeploymentPlan requireOk() throws DeploymentException {
    if (!ok()) {
      throw new DeploymentException(problems);
    }
    return this;
  }

  /** The problems found up to and including the resolution of binding instance {@code index}. */
  int problemsUpTo(int index) {
    return problemMarks.get(index);
  }

  // ---- artefacts ----

  /**
   * The ids of the artefacts of a kind published, declared and built in ({@code system::metrics},
   * {@code system::passthrough}; the offramps {@code system::stdout} and {@code system::stderr}
   * need no publishing and are not listed).
   */
  public Set<String> artefacts(ResourceType type) {
    Set<String> ids =
        switch (type) {
          case ONRAMP -> repo.onramps.keySet();
          case OFFRAMP -> repo.offramps.keySet();
          case PIPELINE -> repo.pipelines.keySet();
          case BINDING -> repo.bindings.keySet();
        };
    return Collections.unmodifiableSet(ids);
  }

  /** The {@code type} of every onramp and offramp declared ({@code ws}, {@code rest}, ...). */
  public Set<String> connectorTypes() {
    Set<String> types = new TreeSet<>();
    repo.onramps.values().forEach(r -> types.add(r.type()));
    repo.offramps.values().forEach(r -> types.add(r.type()));
    return Collections.unmodifiableSet(types);
  }

  Registry registry() {
    return registry;
  }

  Repository repository() {
    return repo;
  }

  ValidatedRamp onramp(String id) {
    return onramps.get(id);
  }

  ValidatedRamp offramp(String id) {
    return offramps.get(id);
  }

  /** Where the onramp or offramp of an instance is declared, else the instance's path. */
  Location locationOf(InstanceKey key) {
    RampSpec spec =
        key.type() == ResourceType.ONRAMP
            ? repo.onramps.get(key.artefact())
            : repo.offramps.get(key.artefact());
    return spec != null ? spec.location() : Location.ofFile(key.path());
  }

  // ---- instances ----

  /** The binding instances resolved, in mapping order. */
  public List<BindingInstance> bindingInstances() {
    return Collections.unmodifiableList(bindings);
  }

  /** The binding instance of a mapping key such as {@code /binding/main/01}. */
  public Optional<BindingInstance> bindingInstance(String path) {
    return bindings.stream().filter(b -> b.path().equals(path)).findFirst();
  }

  /**
   * Every instance the deployment runs, in the order they are created: the system instances, then
   * those of each binding instance in mapping order.
   */
  public List<InstanceKey> instances() {
    Set<InstanceKey> keys = new LinkedHashSet<>(SystemArtefacts.INSTANCES);
    bindings.forEach(b -> keys.addAll(b.instances()));
    return List.copyOf(keys);
  }

  /** The instances a binding instance (e.g. {@code /binding/main/01}) connects; empty if none. */
  public List<InstanceKey> instancesOf(String bindingInstance) {
    return bindingInstance(bindingInstance).map(BindingInstance::instances).orElse(List.of());
  }

  /**
   * The instances that would be unused without {@code bindingInstance}: those it connects that no
   * other binding instance connects and the system does not run.
   */
  public List<InstanceKey> instancesOnlyUsedBy(String bindingInstance) {
    Set<InstanceKey> others = new LinkedHashSet<>(SystemArtefacts.INSTANCES);
    bindings.stream()
        .filter(b -> !b.path().equals(bindingInstance))
        .forEach(b -> others.addAll(b.instances()));
    return instancesOf(bindingInstance).stream().filter(k -> !others.contains(k)).toList();
  }

  /**
   * Resolves a mapping against this plan's artefacts without adding it: what publishing it would
   * run. Problems are reported with the texts loading would report.
   */
  public Optional<BindingInstance> resolve(MappingSpec mapping, Problems found) {
    return new BindingResolver(repo, onramps, offramps).resolve(mapping, found);
  }

  // ---- changes of a running deployment (World's control thread only) ----

  /** Checks an onramp or offramp as loading does; empty when {@code found} got its problems. */
  Optional<ValidatedRamp> validate(RampSpec spec, Problems found) {
    RampValidator validator = new RampValidator(registry);
    return spec.kind() == ResourceType.ONRAMP
        ? validator.onramp(spec, found)
        : validator.offramp(spec, found);
  }

  /** Publishes a validated onramp or offramp. */
  void publish(ValidatedRamp ramp) {
    RampSpec spec = ramp.spec();
    if (spec.kind() == ResourceType.ONRAMP) {
      repo.onramps.put(spec.id(), spec);
      put(onramps, ramp);
    } else {
      repo.offramps.put(spec.id(), spec);
      put(offramps, ramp);
    }
  }

  void publish(io.quiver.pipeline.PipelineDefinition pipeline, String source, Location where) {
    repo.pipelines.put(pipeline.id(), pipeline);
    repo.pipelineSources.put(pipeline.id(), source);
    repo.pipelineLocations.put(pipeline.id(), where);
  }

  void publish(io.quiver.runtime.config.BindingSpec binding) {
    repo.bindings.put(binding.id(), binding);
  }

  void unpublish(ResourceType type, String id) {
    switch (type) {
      case ONRAMP -> {
        repo.onramps.remove(id);
        onramps.remove(id);
      }
      case OFFRAMP -> {
        repo.offramps.remove(id);
        offramps.remove(id);
      }
      case PIPELINE -> {
        repo.pipelines.remove(id);
        repo.pipelineSources.remove(id);
        repo.pipelineLocations.remove(id);
      }
      case BINDING -> repo.bindings.remove(id);
    }
  }

  /** Adds a binding instance activated while running, with its mapping's values. */
  void add(BindingInstance binding, Map<String, String> values) {
    bindings.add(binding);
    problemMarks.add(problems.size());
    mappingValues.put(binding.path(), Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /** The values of the mapping of each binding instance, by its path, in activation order. */
  public Map<String, Map<String, String>> mappings() {
    return Collections.unmodifiableMap(mappingValues);
  }

  /** Removes a binding instance deactivated while running. */
  void remove(BindingInstance binding) {
    int at = bindings.indexOf(binding);
    if (at >= 0) {
      bindings.remove(at);
      problemMarks.remove(at);
      mappingValues.remove(binding.path());
    }
  }

  /** The instances {@code binding} connects that this plan does not create yet. */
  public List<InstanceKey> newInstancesFor(BindingInstance binding) {
    Set<InstanceKey> planned = new LinkedHashSet<>(instances());
    return binding.instances().stream().filter(k -> !planned.contains(k)).toList();
  }
}
