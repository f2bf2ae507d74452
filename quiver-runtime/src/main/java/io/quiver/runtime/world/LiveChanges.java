package io.quiver.runtime.world;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.MappingSpec;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.world.ChangeRefused.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to a running deployment, as Tremor's REST API makes them: binding instances activated and
 * deactivated (artefacts are {@link ArtefactChanges}'). Called by {@link World} only, which
 * serialises the calls; the data path keeps running lock-free, as every table it reads is replaced
 * copy-on-write ({@link PortTable}, {@link UpstreamTable}).
 *
 * <p>A new binding instance creates only the instances no other binding instance runs, starts its
 * new offramps (linked ones first), then makes the links out of instances that were running
 * already, then starts its new onramps: Tremor's activation order. A deactivated one undoes its
 * links that no other binding instance makes and stops only the instances nothing else uses:
 * onramps stop taking connections, what they took is answered (up to the drain timeout), offramps
 * stop, onramps close their connections, pipelines close.
 */
final class LiveChanges {
  private static final Logger LOG = LoggerFactory.getLogger(World.class);

  private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

  private final DeploymentPlan plan;
  private final Instances instances;
  private final PipelineTicker ticker;
  private volatile Duration drainTimeout;

  LiveChanges(
      DeploymentPlan plan, Instances instances, PipelineTicker ticker, Duration drainTimeout) {
    this.plan = plan;
    this.instances = instances;
    this.ticker = ticker;
    this.drainTimeout = drainTimeout;
  }

  /** How long a deactivation lets the events already taken get their answers. */
  void drainTimeout(Duration timeout) {
    this.drainTimeout = timeout;
  }

  BindingInstance activate(String bindingId, String instance, Map<String, String> values)
      throws ChangeRefused {
    if (!plan.repository().bindings.containsKey(bindingId)) {
      throw new ChangeRefused(Reason.NOT_FOUND, ArtefactChanges.NOT_FOUND);
    }
    String path = "/binding/" + bindingId + "/" + instance;
    if (plan.bindingInstance(path).isPresent()) {
      throw new ChangeRefused(Reason.ALREADY_EXISTS, ArtefactChanges.EXISTS);
    }
    Problems found = new Problems();
    Optional<BindingInstance> resolved =
        plan.resolve(
            new MappingSpec(path, values, Location.ofFile(ArtefactChanges.API_SOURCE)), found);
    if (resolved.isEmpty() || !found.isEmpty()) {
      throw ChangeRefused.invalid(found.list());
    }
    BindingInstance binding = resolved.get();
    List<BindingInstance> with = new ArrayList<>(plan.bindingInstances());
    with.add(binding);
    plan.checkErrRequired(with, binding.instances(), found);
    if (!found.isEmpty()) {
      throw ChangeRefused.invalid(found.list());
    }
    Set<InstanceKey> running = new LinkedHashSet<>();
    List<InstanceKey> created = new ArrayList<>();
    for (InstanceKey k : binding.instances()) {
      (instances.exists(k) ? running : created).add(k);
    }
    List<ResolvedLink> held;
    instances.unfuseAll(); // the new links may change a fused route: decided again below
    try {
      held = instances.link(binding, running);
    } catch (IllegalStateException e) {
      undo(binding, created);
      instances.fuse(plan.bindingInstances());
      throw ChangeRefused.invalid(
          List.of(
              new Problem(
                  binding.location(), "binding " + binding.bindingId() + ": " + e.getMessage())));
    }
    List<Runnable> stops = new ArrayList<>();
    try {
      for (OfframpInstance o : newOfframps(created)) {
        o.announceAvailable();
        start(o::start, o.url(), "offramp");
        stops.add(o::stop);
      }
      held.forEach(instances::connect);
      // offramps that broke their circuit before these links existed (or long before, when
      // running already): the onramps now feeding them pause before the new ones start
      for (InstanceKey k : binding.instances()) {
        OfframpInstance o =
            k.type() == ResourceType.OFFRAMP ? instances.offramps.get(k.path()) : null;
        if (o != null) {
          o.announceIfBroken();
        }
      }
      for (InstanceKey k : created) {
        if (k.type() == ResourceType.ONRAMP) {
          OnrampInstance o = instances.onramps.get(k.path());
          start(o::start, o.url(), "onramp");
          stops.add(o::stop);
        }
      }
    } catch (ChangeRefused e) {
      stops.reversed().forEach(Runnable::run);
      undo(binding, created);
      instances.fuse(plan.bindingInstances());
      throw e;
    }
    plan.add(binding, values);
    instances.fuse(plan.bindingInstances());
    ticker.update(List.copyOf(instances.pipelines.values()));
    LOG.info("binding instance {} activated: {} new instance(s)", path, created.size());
    return binding;
  }

  private List<OfframpInstance> newOfframps(List<InstanceKey> created) {
    List<OfframpInstance> order = new ArrayList<>();
    for (OfframpInstance o : instances.offrampStartOrder()) {
      if (created.contains(InstanceKey.of(o.url()))) {
        order.add(o);
      }
    }
    return order;
  }

  @FunctionalInterface
  private interface Start {
    void run() throws Exception;
  }

  private void start(Start start, TremorUrl url, String what) throws ChangeRefused {
    try {
      start.run();
    } catch (Exception e) {
      String message = e.getMessage() != null ? e.getMessage() : e.toString();
      throw ChangeRefused.invalid(
          List.of(
              new Problem(
                  plan.locationOf(InstanceKey.of(url)),
                  url.path() + ": cannot start " + what + ": " + message)));
    }
  }

  /** Takes back a binding instance that could not be set up: its links and new instances. */
  private void undo(BindingInstance binding, List<InstanceKey> created) {
    instances.unlink(binding, plan.bindingInstances());
    for (InstanceKey k : created) {
      if (k.type() == ResourceType.PIPELINE) {
        PipelineRunner p = instances.pipelines.get(k.path());
        if (p != null) {
          p.close();
        }
      }
    }
    instances.forget(created);
  }

  BindingInstance deactivate(String bindingId, String instance) throws ChangeRefused {
    String path = "/binding/" + bindingId + "/" + instance;
    BindingInstance binding =
        plan.bindingInstance(path)
            .orElseThrow(() -> new ChangeRefused(Reason.NOT_FOUND, ArtefactChanges.NOT_FOUND));
    List<InstanceKey> unused = plan.instancesOnlyUsedBy(path);
    instances.unfuseAll(); // before anything of the binding stops: decided again at the end
    plan.remove(binding);
    List<OnrampInstance> onramps = new ArrayList<>();
    List<PipelineRunner> pipelines = new ArrayList<>();
    List<OfframpInstance> offramps = new ArrayList<>();
    for (InstanceKey k : unused) {
      switch (k.type()) {
        case ONRAMP -> onramps.add(instances.onramps.get(k.path()));
        case PIPELINE -> pipelines.add(instances.pipelines.get(k.path()));
        case OFFRAMP -> offramps.add(instances.offramps.get(k.path()));
        case BINDING -> {}
      }
    }
    onramps.forEach(o -> quietly(o::stopAccepting, o.url()));
    if (!drain(pipelines, offramps, System.nanoTime() + drainTimeout.toNanos())) {
      LOG.warn(
          "{}: events still unanswered after {} ms get error answers",
          path,
          drainTimeout.toMillis());
    }
    instances.unlink(binding, plan.bindingInstances());
    offramps.forEach(o -> quietly(o::stop, o.url()));
    drain(pipelines, List.of(), System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    onramps.forEach(o -> quietly(o::stop, o.url()));
    pipelines.forEach(PipelineRunner::close);
    instances.forget(unused);
    instances.fuse(plan.bindingInstances());
    ticker.update(List.copyOf(instances.pipelines.values()));
    LOG.info("binding instance {} deactivated: {} instance(s) stopped", path, unused.size());
    return binding;
  }

  private static boolean drain(
      List<PipelineRunner> pipelines, List<OfframpInstance> offramps, long deadlineNs) {
    int quiet = 0;
    while (quiet < 2) {
      boolean idle =
          pipelines.stream().allMatch(PipelineRunner::idle)
              && offramps.stream().allMatch(LiveChanges::drained);
      quiet = idle ? quiet + 1 : 0;
      if (quiet < 2) {
        if (System.nanoTime() - deadlineNs >= 0) {
          return false;
        }
        LockSupport.parkNanos(POLL_NS);
      }
    }
    return true;
  }

  private static boolean drained(OfframpInstance o) {
    try {
      return o.drained();
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static void quietly(Runnable step, TremorUrl url) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("{}: error while stopping: {}", url, e.toString());
    }
  }
}
