package io.quiver.runtime.world;

import io.quiver.pipeline.PipelineDefinition;
import io.quiver.runtime.Registry;
import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.RampSpec;
import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.PassThroughSource;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of a {@link DeploymentPlan}, created and linked: onramps, pipelines and offramps by
 * path, each created once however many links name it, in the plan's order.
 */
final class Instances {
  /** Logged under {@link World}, beside the deployment's other start-up and change lines. */
  private static final Logger LOG = LoggerFactory.getLogger(World.class);

  private final DeploymentPlan plan;
  private final Registry registry;
  final Map<String, OnrampInstance> onramps = new LinkedHashMap<>();
  final Map<String, PipelineRunner> pipelines = new LinkedHashMap<>();
  final Map<String, OfframpInstance> offramps = new LinkedHashMap<>();

  /** The linked offramps in the order they were created: they start first. */
  final List<OfframpInstance> linkedOfframps = new ArrayList<>();

  /** Onramps by uid (an event id's source), read from event loops by {@link #origins}. */
  private final Map<Long, OnrampInstance> onrampsByUid = new ConcurrentHashMap<>();

  private final OriginFlow origins =
      new OriginFlow() {
        @Override
        public boolean hold(Event event) {
          OnrampInstance onramp = onrampsByUid.get(event.id().source());
          return onramp != null && onramp.holdStream(event.stream());
        }

        @Override
        public void release(Event event) {
          OnrampInstance onramp = onrampsByUid.get(event.id().source());
          if (onramp != null) {
            onramp.releaseStream(event.stream());
          }
        }
      };

  private long nextOnrampUid = 1;

  /** The fused pass-throughs by onramp path (changed on the control thread only). */
  private final Map<String, FusedRoute> fused = new ConcurrentHashMap<>();

  /** Creates the system instances; {@link #link} adds those of each binding instance. */
  Instances(DeploymentPlan plan) {
    this.plan = plan;
    this.registry = plan.registry();
    for (InstanceKey k : SystemArtefacts.INSTANCES) {
      switch (k.type()) {
        case PIPELINE -> ensurePipeline(k.url());
        case OFFRAMP -> ensureOfframp(k.url());
        default -> throw new IllegalStateException("no system instance of type " + k.type());
      }
    }
  }

  /**
   * Creates the instances of a binding instance that do not exist yet and links them, in the plan's
   * activation order.
   *
   * @throws IllegalStateException when an instance cannot be set up, e.g. a qos::wal operator whose
   *     log cannot be opened
   */
  void link(BindingInstance binding) {
    link(binding, Set.of());
  }

  /**
   * As {@link #link(BindingInstance)}, but the links out of the instances in {@code holdFrom}
   * (those already running) are only returned, not made: a running deployment makes them once the
   * new offramps have started, so no event reaches a sink before its start.
   *
   * @return the links held back, in activation order
   */
  List<ResolvedLink> link(BindingInstance binding, Set<InstanceKey> holdFrom) {
    List<ResolvedLink> held = new ArrayList<>();
    for (ResolvedLink l : binding.links()) {
      if (holdFrom.contains(InstanceKey.of(l.from()))) {
        ensure(l.to());
        held.add(l);
      } else {
        connect(l);
      }
    }
    return held;
  }

  /** Makes one link, creating its ends when they do not exist yet. */
  void connect(ResolvedLink l) {
    switch (l.kind()) {
      case OFFRAMP_TO_PIPELINE -> {
        PipelineRunner target = ensurePipeline(l.to());
        ensureOfframp(l.from())
            .outputs()
            .connect(l.from().port(), new Destination.ToPipeline(target, l.to().port()));
      }
      case PIPELINE_TO_OFFRAMP -> {
        OfframpInstance target = ensureOfframp(l.to());
        PipelineRunner from = ensurePipeline(l.from());
        from.outputs().connect(l.from().port(), new Destination.ToOfframp(target));
        target.inputs().add(from); // the contraflow runs this link backwards
      }
      case PIPELINE_TO_PIPELINE -> {
        PipelineRunner target = ensurePipeline(l.to());
        PipelineRunner from = ensurePipeline(l.from());
        from.outputs().connect(l.from().port(), new Destination.ToPipeline(target, l.to().port()));
        if (!l.from().instanceUrl().path().equals(l.to().instanceUrl().path())
            && !SystemArtefacts.METRICS.equals(l.to().artefact())) {
          target.inputs().add(from);
        }
      }
      case PIPELINE_TO_ONRAMP -> {
        OnrampInstance target = ensureOnramp(l.to());
        ensurePipeline(l.from())
            .outputs()
            .connect(l.from().port(), new Destination.ToOnrampReply(target));
      }
      case ONRAMP_TO_PIPELINE -> {
        PipelineRunner target = ensurePipeline(l.to());
        OnrampInstance onramp = ensureOnramp(l.from());
        onramp
            .outputs()
            .connect(l.from().port(), new Destination.ToPipeline(target, l.to().port()));
        target.inputs().add(onramp);
      }
    }
  }

  private void ensure(TremorUrl url) {
    switch (url.type()) {
      case ONRAMP -> ensureOnramp(url);
      case OFFRAMP -> ensureOfframp(url);
      case PIPELINE -> ensurePipeline(url);
      case BINDING -> throw new IllegalStateException("a binding is not an instance: " + url);
    }
  }

  /**
   * Undoes the links of {@code binding} that none of {@code others} makes too (a binding instance
   * deactivated): events and insights stop flowing along them at once.
   */
  void unlink(BindingInstance binding, List<BindingInstance> others) {
    Set<List<TremorUrl>> kept = new HashSet<>();
    Set<List<String>> keptPairs = new HashSet<>();
    for (BindingInstance b : others) {
      for (ResolvedLink l : b.links()) {
        kept.add(List.of(l.from(), l.to()));
        keptPairs.add(pair(l));
      }
    }
    for (ResolvedLink l : binding.links()) {
      if (!kept.contains(List.of(l.from(), l.to()))) {
        disconnect(l, !keptPairs.contains(pair(l)));
      }
    }
  }

  private static List<String> pair(ResolvedLink l) {
    return List.of(l.from().instanceUrl().path(), l.to().instanceUrl().path());
  }

  private void disconnect(ResolvedLink l, boolean dropInput) {
    String port = l.from().port();
    String fromPath = l.from().instanceUrl().path();
    String toPath = l.to().instanceUrl().path();
    switch (l.kind()) {
      case OFFRAMP_TO_PIPELINE -> {
        OfframpInstance from = offramps.get(fromPath);
        PipelineRunner to = pipelines.get(toPath);
        if (from != null && to != null) {
          from.outputs().disconnect(port, new Destination.ToPipeline(to, l.to().port()));
        }
      }
      case PIPELINE_TO_OFFRAMP -> {
        PipelineRunner from = pipelines.get(fromPath);
        OfframpInstance to = offramps.get(toPath);
        if (from != null && to != null) {
          from.outputs().disconnect(port, new Destination.ToOfframp(to));
          if (dropInput) {
            to.inputs().remove(from);
          }
        }
      }
      case PIPELINE_TO_PIPELINE -> {
        PipelineRunner from = pipelines.get(fromPath);
        PipelineRunner to = pipelines.get(toPath);
        if (from != null && to != null) {
          from.outputs().disconnect(port, new Destination.ToPipeline(to, l.to().port()));
          if (dropInput) {
            to.inputs().remove(from);
          }
        }
      }
      case PIPELINE_TO_ONRAMP -> {
        PipelineRunner from = pipelines.get(fromPath);
        OnrampInstance to = onramps.get(toPath);
        if (from != null && to != null) {
          from.outputs().disconnect(port, new Destination.ToOnrampReply(to));
        }
      }
      case ONRAMP_TO_PIPELINE -> {
        OnrampInstance from = onramps.get(fromPath);
        PipelineRunner to = pipelines.get(toPath);
        if (from != null && to != null) {
          from.outputs().disconnect(port, new Destination.ToPipeline(to, l.to().port()));
          if (dropInput) {
            to.inputs().remove(from);
          }
        }
      }
    }
  }

  /** Forgets instances (stopped, or never started); the caller stops them first. */
  void forget(List<InstanceKey> keys) {
    for (InstanceKey k : keys) {
      switch (k.type()) {
        case ONRAMP -> {
          OnrampInstance o = onramps.remove(k.path());
          if (o != null) {
            onrampsByUid.remove(o.uid());
          }
        }
        case OFFRAMP -> {
          OfframpInstance o = offramps.remove(k.path());
          linkedOfframps.remove(o);
        }
        case PIPELINE -> pipelines.remove(k.path());
        case BINDING -> {}
      }
    }
  }

  /** Whether the instance {@code key} names exists. */
  boolean exists(InstanceKey key) {
    return switch (key.type()) {
      case ONRAMP -> onramps.containsKey(key.path());
      case OFFRAMP -> offramps.containsKey(key.path());
      case PIPELINE -> pipelines.containsKey(key.path());
      case BINDING -> false;
    };
  }

  private PipelineRunner ensurePipeline(TremorUrl url) {
    TremorUrl instance = url.instanceUrl();
    PipelineRunner existing = pipelines.get(instance.path());
    if (existing != null) {
      return existing;
    }
    PipelineDefinition definition = plan.repository().pipelines.get(instance.artefact());
    PipelineRunner runner =
        new PipelineRunner(
            instance, definition.instantiate(instance.toString()), this::linkedOnramp);
    pipelines.put(instance.path(), runner);
    PipelineRunner metrics = systemMetrics();
    if (definition.reportsMetrics() && metrics != null && metrics != runner) {
      // as Tremor links every pipeline's metrics port; only those reporting need it here
      runner.outputs().connect(Ports.METRICS, new Destination.ToPipeline(metrics, Ports.IN));
    }
    return runner;
  }

  /** The {@code system::metrics} pipeline instance (null while it is being created). */
  private PipelineRunner systemMetrics() {
    return pipelines.get(SystemArtefacts.METRICS_INSTANCE.path());
  }

  /** The {@code ramp_events} metrics of a ramp linked first by {@code url}, or null when off. */
  private RampMetrics rampMetrics(RampSpec spec, TremorUrl url) {
    if (spec.metricsIntervalS() == null) {
      return null;
    }
    Destination intoMetrics = new Destination.ToPipeline(systemMetrics(), Ports.IN);
    return RampMetrics.of(spec.metricsIntervalS(), url, intoMetrics::send);
  }

  /** The linked onramp whose uid is {@code source} (an event id's source), or null. */
  private OnrampInstance linkedOnramp(long source) {
    OnrampInstance onramp = onrampsByUid.get(source);
    return onramp != null && onramp.artefact().linked() ? onramp : null;
  }

  private OfframpInstance ensureOfframp(TremorUrl url) {
    TremorUrl instance = url.instanceUrl();
    OfframpInstance existing = offramps.get(instance.path());
    if (existing != null) {
      return existing;
    }
    OfframpInstance o;
    if (SystemArtefacts.isStdStream(instance.artefact())) {
      // every instance of a std stream writes to the same stream
      boolean out = SystemArtefacts.STDOUT.equals(instance.artefact());
      Artefact artefact =
          new Artefact(instance.artefact(), instance.instance(), instance.toString(), false);
      SinkProvider type = registry.sink(out ? "stdout" : "stderr");
      if (type == null) {
        // a packaging error, not a user's: the fat jar always has quiver-connectors
        throw new IllegalStateException(
            instance.artefact()
                + " needs the `"
                + (out ? "stdout" : "stderr")
                + "` offramp type, which is not on the class path: run Quiver from its jar"
                + " (quiver-server), which includes quiver-connectors");
      }
      // as in Tremor: an instance of `type: stdout` (`stderr`) with its defaults
      Sink sink = type.create(artefact, type.configSpec().validate(Value.EMPTY_OBJECT).config());
      Supplier<Serializer> json =
          () -> new Serializer(registry.codec(type.defaultCodec()), List.of());
      o = new OfframpInstance(instance, artefact, sink, json, () -> null, origins);
    } else {
      ValidatedRamp ramp = plan.offramp(instance.artefact());
      RampSpec spec = ramp.spec();
      Artefact artefact =
          new Artefact(spec.id(), instance.instance(), instance.toString(), spec.linked());
      o =
          new OfframpInstance(
              instance,
              artefact,
              registry.sink(spec.type()).create(artefact, ramp.config()),
              serializers(ramp),
              deserializers(ramp),
              origins);
      o.reportMetrics(rampMetrics(spec, url.port() == null ? instance : url));
      o.useRampCodecs(RampCodecs.of(registry, ramp));
      if (spec.linked()) {
        linkedOfframps.add(o);
      }
    }
    offramps.put(instance.path(), o);
    return o;
  }

  private OnrampInstance ensureOnramp(TremorUrl url) {
    TremorUrl instance = url.instanceUrl();
    OnrampInstance existing = onramps.get(instance.path());
    if (existing != null) {
      return existing;
    }
    ValidatedRamp ramp = plan.onramp(instance.artefact());
    RampSpec spec = ramp.spec();
    Artefact artefact =
        new Artefact(spec.id(), instance.instance(), instance.toString(), spec.linked());
    OnrampInstance o =
        new OnrampInstance(
            instance,
            nextOnrampUid++,
            artefact,
            registry.source(spec.type()).create(artefact, ramp.config()),
            RampCodecs.of(registry, ramp));
    o.reportMetrics(rampMetrics(spec, url.port() == null ? instance : url));
    onramps.put(instance.path(), o);
    onrampsByUid.put(o.uid(), o);
    return o;
  }

  private Supplier<Serializer> serializers(ValidatedRamp ramp) {
    return () ->
        new Serializer(
            registry.codec(ramp.codec()),
            ramp.spec().postprocessors().stream().map(registry::postprocessor).toList());
  }

  private Supplier<Deserializer> deserializers(ValidatedRamp ramp) {
    return () ->
        new Deserializer(
            ramp.spec().preprocessors().stream().map(registry::preprocessor).toList(),
            registry.codec(ramp.codec()));
  }

  /** Takes back every fused pass-through (before links change): messages go the usual way again. */
  void unfuseAll() {
    for (OnrampInstance o : onramps.values()) {
      if (o.source() instanceof PassThroughSource s && fused.remove(o.url().path()) != null) {
        s.unfuse();
        LOG.info("{}: pass-through no longer fused (its bindings change)", o.url().path());
      }
    }
  }

  /**
   * Offers a fused pass-through to every onramp whose links make one ({@link PassThroughShape})
   * with the links of {@code active}, and logs for each ws onramp whether it runs fused and why
   * not.
   */
  void fuse(List<BindingInstance> active) {
    List<ResolvedLink> links = new ArrayList<>();
    active.forEach(b -> links.addAll(b.links()));
    for (OnrampInstance o : onramps.values()) {
      if (!(o.source() instanceof PassThroughSource source) || fused.containsKey(o.url().path())) {
        continue;
      }
      PassThroughShape.Verdict verdict =
          PassThroughShape.judge(
              o.url().path(),
              links,
              path -> rampFacts(onramps.get(path) == null ? null : plan.onramp(artefactOf(path))),
              path -> rampFacts(offramps.get(path) == null ? null : plan.offramp(artefactOf(path))),
              this::pipeFacts);
      switch (verdict) {
        case PassThroughShape.NotFused no ->
            LOG.info("{}: pass-through not fused: {}", o.url().path(), no.why());
        case PassThroughShape.Fused yes -> {
          FusedRoute route =
              new FusedRoute(
                  o,
                  pipelines.get(yes.out()),
                  offramps.get(yes.offramp()),
                  pipelines.get(yes.back()),
                  plan.onramp(o.artefact().id()).codec(),
                  yes.lineFramed(),
                  yes.describe());
          String refused = source.fuse(route);
          if (refused == null) {
            fused.put(o.url().path(), route);
            LOG.info(
                "fused pass-through: {}{}",
                yes.describe(),
                yes.lineFramed() ? " (lines: messages that are one line ending in \\n)" : "");
          } else {
            LOG.info("{}: pass-through not fused: {}", o.url().path(), refused);
          }
        }
      }
    }
  }

  /** The onramp paths whose pass-through runs fused now (for tests and the log). */
  Set<String> fusedOnramps() {
    return Set.copyOf(fused.keySet());
  }

  private static String artefactOf(String instancePath) {
    return TremorUrl.parse(instancePath).artefact();
  }

  private static PassThroughShape.Ramp rampFacts(ValidatedRamp ramp) {
    if (ramp == null) {
      return null;
    }
    RampSpec spec = ramp.spec();
    return new PassThroughShape.Ramp(
        spec.type(),
        spec.linked(),
        ramp.codec(),
        spec.preprocessors(),
        spec.postprocessors(),
        spec.metricsIntervalS() != null);
  }

  private PassThroughShape.Pipe pipeFacts(String path) {
    PipelineRunner runner = pipelines.get(path);
    if (runner == null) {
      return null;
    }
    PipelineDefinition definition =
        plan.repository().pipelines.get(TremorUrl.parse(path).artefact());
    return new PassThroughShape.Pipe(
        runner.pipeline().passThroughPort(), definition == null || definition.reportsMetrics());
  }

  /** Offramps in start order: the linked ones as created, then the others. */
  List<OfframpInstance> offrampStartOrder() {
    List<OfframpInstance> order = new ArrayList<>(linkedOfframps);
    for (OfframpInstance o : offramps.values()) {
      if (!order.contains(o)) {
        order.add(o);
      }
    }
    return order;
  }

  boolean pipelinesIdle() {
    for (PipelineRunner p : pipelines.values()) {
      if (!p.idle()) {
        return false;
      }
    }
    return true;
  }

  void closePipelines() {
    pipelines.values().forEach(PipelineRunner::close);
  }
}
