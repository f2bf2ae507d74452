package io.quiver.runtime.world;

import io.quiver.runtime.Registry;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.spi.Sink;
import io.quiver.spi.Source;
import io.quiver.spi.metrics.MetricsReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running deployment: the instances of a {@link DeploymentPlan}, linked, started in Tremor's
 * activation order and stopped without losing an answer.
 *
 * <p>{@link #load} plans and validates everything and reports every problem at once before anything
 * runs; {@link #start} then starts linked offramps, other offramps and finally onramps, so that no
 * event flows before its path exists (Tremor 0.11.2's order, src/repository/artefact.rs).
 */
public final class World implements MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(World.class);

  public static final String PASSTHROUGH = SystemArtefacts.PASSTHROUGH;
  public static final String METRICS = SystemArtefacts.METRICS;
  public static final String STDOUT = SystemArtefacts.STDOUT;
  public static final String STDERR = SystemArtefacts.STDERR;

  /** How long {@link #stop()} lets the events already taken get their answers. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /** How often the drain looks whether everything is answered. */
  private static final long DRAIN_POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

  /** How long the error answers made when offramps stop get to reach their onramps. */
  private static final long ERROR_ANSWERS_WAIT_NS = TimeUnit.SECONDS.toNanos(1);

  private final DeploymentPlan plan;
  private final Instances instances;
  private final PipelineTicker ticker = new PipelineTicker();
  private final ArtefactChanges artefacts;
  private final LiveChanges changes;
  private volatile boolean running;

  private World(DeploymentPlan plan, Instances instances) {
    this.plan = plan;
    this.instances = instances;
    this.artefacts = new ArtefactChanges(plan, instances);
    this.changes = new LiveChanges(plan, instances, ticker, DEFAULT_DRAIN_TIMEOUT);
  }

  /**
   * How long deactivating a binding through the API lets the events already taken get their answers
   * (the server's {@code --drain-timeout-ms}; {@link #DEFAULT_DRAIN_TIMEOUT} until set).
   */
  public void drainTimeout(Duration timeout) {
    changes.drainTimeout(timeout);
  }

  /**
   * Reads, validates and links a deployment (nothing is started).
   *
   * @param files {@code .trickle} files load first, then YAML files in the order given
   */
  public static World load(List<Path> files, Registry registry) throws DeploymentException {
    return of(DeploymentPlan.load(files, registry));
  }

  /**
   * Creates and links the instances of a plan (nothing is started). Instances that cannot be set up
   * (e.g. a qos::wal whose log cannot be opened) are problems too, reported with the plan's own
   * problems, in the order of the mappings.
   */
  public static World of(DeploymentPlan plan) throws DeploymentException {
    Instances instances = new Instances(plan);
    List<Problem> planned = plan.problems();
    List<Problem> problems = new ArrayList<>();
    List<BindingInstance> bindings = plan.bindingInstances();
    int reported = 0;
    for (int i = 0; i < bindings.size(); i++) {
      int upTo = plan.problemsUpTo(i);
      problems.addAll(planned.subList(reported, upTo));
      reported = upTo;
      BindingInstance binding = bindings.get(i);
      try {
        instances.link(binding);
      } catch (IllegalStateException e) {
        problems.add(
            new Problem(
                binding.location(), "binding " + binding.bindingId() + ": " + e.getMessage()));
      }
    }
    problems.addAll(planned.subList(reported, planned.size()));
    if (!problems.isEmpty()) {
      instances.closePipelines(); // e.g. release WAL logs opened
      throw new DeploymentException(problems);
    }
    instances.fuse(plan.bindingInstances());
    return new World(plan, instances);
  }

  /** What this world runs (read it under the world's lock once the world can change). */
  public DeploymentPlan plan() {
    return plan;
  }

  // ---- lifecycle ----

  /** Starts offramps (linked first), then onramps. On failure stops what started and throws. */
  public synchronized void start() throws DeploymentException {
    Problems problems = new Problems();
    List<OfframpInstance> order = instances.offrampStartOrder();
    for (OfframpInstance o : order) {
      o.announceAvailable();
    }
    for (OfframpInstance o : order) {
      try {
        o.start();
      } catch (Exception e) {
        problems.add(
            plan.locationOf(InstanceKey.of(o.url())),
            o.url().path() + ": cannot start offramp: " + message(e));
      }
    }
    List<OnrampInstance> started = new ArrayList<>();
    if (problems.isEmpty()) {
      for (OnrampInstance o : instances.onramps.values()) {
        try {
          o.start();
          started.add(o);
        } catch (Exception e) {
          problems.add(
              plan.locationOf(InstanceKey.of(o.url())),
              o.url().path() + ": cannot start onramp: " + message(e));
        }
      }
    }
    if (!problems.isEmpty()) {
      started.forEach(OnrampInstance::stop);
      order.forEach(OfframpInstance::stop);
      throw new DeploymentException(problems.list());
    }
    running = true;
    ticker.start(List.copyOf(instances.pipelines.values()));
    LOG.info(
        "deployment running: {} onramp(s), {} pipeline(s), {} offramp(s)",
        instances.onramps.size(),
        instances.pipelines.size(),
        instances.offramps.size());
  }

  /** {@link #stop(Duration)} with {@link #DEFAULT_DRAIN_TIMEOUT}. */
  public void stop() {
    stop(DEFAULT_DRAIN_TIMEOUT);
  }

  /**
   * Stops the deployment without losing an answer: onramps stop accepting (no new connections, no
   * new messages; an onramp that is not linked stops at once, as no reply goes back to it); the
   * deployment drains until every event taken has been answered (pipelines idle, offramps holding
   * nothing unanswered) or {@code drainTimeout} passes; offramps stop, answering what is left with
   * errors; onramps deliver those and end every connection (websocket clients with 1001, going
   * away); pipelines close.
   */
  public synchronized void stop(Duration drainTimeout) {
    if (!running) {
      return;
    }
    running = false;
    ticker.stop();
    for (OnrampInstance o : instances.onramps.values()) {
      try {
        o.stopAccepting();
      } catch (RuntimeException e) {
        LOG.warn("{}: error while stopping: {}", o.url(), e.toString());
      }
    }
    long started = System.nanoTime();
    if (drain(started + drainTimeout.toNanos())) {
      LOG.info(
          "shutdown: every event taken was answered ({} ms)",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } else {
      LOG.warn(
          "shutdown: events still unanswered after the drain timeout of {} ms get error answers",
          drainTimeout.toMillis());
    }
    for (OfframpInstance o : instances.offramps.values()) {
      try {
        o.stop();
      } catch (RuntimeException e) {
        LOG.warn("{}: error while stopping: {}", o.url(), e.toString());
      }
    }
    awaitPipelinesIdle(System.nanoTime() + ERROR_ANSWERS_WAIT_NS);
    for (OnrampInstance o : instances.onramps.values()) {
      try {
        o.stop();
      } catch (RuntimeException e) {
        LOG.warn("{}: error while stopping: {}", o.url(), e.toString());
      }
    }
    instances.closePipelines();
    LOG.info("deployment stopped");
  }

  /**
   * Waits until nothing is in flight: every pipeline idle and every offramp drained, seen on two
   * passes in a row (a reply an offramp emitted may be passing through a pipeline between checks).
   *
   * @return false when {@code deadlineNs} passed first
   */
  private boolean drain(long deadlineNs) {
    int quietPasses = 0;
    while (true) {
      if (instances.pipelinesIdle() && offrampsDrained() && instances.pipelinesIdle()) {
        if (++quietPasses == 2) {
          return true;
        }
      } else {
        quietPasses = 0;
      }
      if (System.nanoTime() - deadlineNs >= 0) {
        return false;
      }
      LockSupport.parkNanos(DRAIN_POLL_NS);
    }
  }

  private void awaitPipelinesIdle(long deadlineNs) {
    while (!instances.pipelinesIdle() && System.nanoTime() - deadlineNs < 0) {
      LockSupport.parkNanos(DRAIN_POLL_NS);
    }
  }

  private boolean offrampsDrained() {
    for (OfframpInstance o : instances.offramps.values()) {
      try {
        if (!o.drained()) {
          return false;
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: error while draining: {}", o.url(), e.toString());
      }
    }
    return true;
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  // ---- changes while running (Tremor's REST API); one at a time, under this world's lock ----

  /**
   * Publishes an onramp or offramp after the checks loading makes.
   *
   * @throws ChangeRefused when the id is taken or the artefact has problems
   */
  public synchronized RampSpec publish(RampSpec spec) throws ChangeRefused {
    return artefacts.publish(spec);
  }

  /** Compiles and publishes a pipeline, which names itself with {@code #!config id}. */
  public synchronized String publishPipeline(String source) throws ChangeRefused {
    return artefacts.publishPipeline(source).id();
  }

  /** Publishes a binding (its artefacts are looked up when an instance of it is activated). */
  public synchronized BindingSpec publish(BindingSpec binding) throws ChangeRefused {
    return artefacts.publish(binding);
  }

  /**
   * Unpublishes an artefact that no instance runs.
   *
   * @throws ChangeRefused when it is not published, is a system artefact or has instances
   */
  public synchronized void unpublish(ResourceType type, String id) throws ChangeRefused {
    artefacts.unpublish(type, id);
  }

  /**
   * Activates binding instance {@code /binding/<bindingId>/<instance>} with a mapping's values: its
   * new instances are created, linked and started in Tremor's activation order.
   *
   * @throws ChangeRefused when the binding is unknown, the instance runs already, or the mapping
   *     does not resolve (with loading's diagnostics); the deployment is then as it was
   */
  public synchronized BindingInstance activate(
      String bindingId, String instance, Map<String, String> values) throws ChangeRefused {
    if (!running) {
      throw new ChangeRefused(ChangeRefused.Reason.INVALID, "the deployment is not running");
    }
    return changes.activate(bindingId, instance, values);
  }

  /**
   * Deactivates a binding instance: its links go, and the instances nothing else uses stop (their
   * connections closed once what they took is answered).
   */
  public synchronized BindingInstance deactivate(String bindingId, String instance)
      throws ChangeRefused {
    return changes.deactivate(bindingId, instance);
  }

  /** The ids of the published artefacts of a kind, the system ones included, in publish order. */
  public synchronized List<String> artefactIds(ResourceType type) {
    List<String> ids = new ArrayList<>(plan.artefacts(type));
    if (type == ResourceType.OFFRAMP) {
      ids.add(STDOUT);
      ids.add(STDERR);
    }
    return ids;
  }

  /** A published onramp or offramp. */
  public synchronized java.util.Optional<RampSpec> ramp(ResourceType type, String id) {
    if (type == ResourceType.OFFRAMP && SystemArtefacts.isStdStream(id)) {
      // built in, as Tremor publishes them: `type: stdout` (`stderr`) with its defaults
      return java.util.Optional.of(
          new RampSpec(
              ResourceType.OFFRAMP,
              id,
              STDOUT.equals(id) ? "stdout" : "stderr",
              "",
              false,
              null,
              Map.of(),
              List.of(),
              List.of(),
              false,
              null,
              null,
              io.quiver.runtime.config.Location.ofFile("<system>"),
              Map.of(),
              Map.of(),
              null));
    }
    Repository repo = plan.repository();
    return java.util.Optional.ofNullable(
        type == ResourceType.ONRAMP ? repo.onramps.get(id) : repo.offramps.get(id));
  }

  /** The Trickle text of a published pipeline. */
  public synchronized java.util.Optional<String> pipelineSource(String id) {
    return java.util.Optional.ofNullable(plan.repository().pipelineSources.get(id));
  }

  /** A published binding. */
  public synchronized java.util.Optional<BindingSpec> binding(String id) {
    return java.util.Optional.ofNullable(plan.repository().bindings.get(id));
  }

  /** The published onramps, offramps and bindings, in publish order (storage snapshots). */
  public synchronized List<RampSpec> ramps(ResourceType type) {
    Repository repo = plan.repository();
    return List.copyOf((type == ResourceType.ONRAMP ? repo.onramps : repo.offramps).values());
  }

  public synchronized List<BindingSpec> bindings() {
    return List.copyOf(plan.repository().bindings.values());
  }

  /** The mappings of the active binding instances, by path, with their values. */
  public synchronized Map<String, Map<String, String>> mappings() {
    return new LinkedHashMap<>(plan.mappings());
  }

  /** The running instance ids of an artefact (of a binding: its active instances). */
  public synchronized List<String> instanceIds(ResourceType type, String id) {
    return artefacts.instanceIds(type, id);
  }

  /** Whether an artefact of this kind and id is published (the system ones included). */
  public synchronized boolean published(ResourceType type, String id) {
    return artefacts.published(type, id);
  }

  /** An active binding instance, e.g. {@code main}, {@code 01}. */
  public synchronized java.util.Optional<BindingInstance> bindingInstance(
      String bindingId, String instance) {
    return plan.bindingInstance("/binding/" + bindingId + "/" + instance);
  }

  /**
   * What keeps the deployment from being ready: the onramp instances of active bindings that have
   * not started or are stopping (empty when ready), or the whole deployment when it is not running.
   */
  public synchronized List<String> notReady() {
    if (!running) {
      return List.of("deployment");
    }
    List<String> waiting = new ArrayList<>();
    instances.onramps.forEach(
        (path, onramp) -> {
          if (!onramp.serving()) {
            waiting.add(path);
          }
        });
    return waiting;
  }

  // ---- introspection (tests, the REST API) ----

  /** The instance paths, e.g. {@code /onramp/ws/01}, by kind. */
  public synchronized Map<String, List<String>> instances() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("onramp", List.copyOf(instances.onramps.keySet()));
    out.put("pipeline", List.copyOf(instances.pipelines.keySet()));
    out.put("offramp", List.copyOf(instances.offramps.keySet()));
    return out;
  }

  /**
   * Writes the metrics of every instance into {@code report}: events sent and received per port,
   * errors, pipeline queue depths and latencies, open streams, and what each source and sink
   * reports of itself (the names and labels: docs/operations.md, "Metrics"). Safe from any thread
   * while the world runs; reads the counters without stopping anything.
   */
  @Override
  public void reportMetrics(MetricsReport report) {
    WorldMetrics.report(instances, report);
  }

  /** The uid (event id source) of an onramp instance, e.g. 1 for the first. */
  public synchronized long onrampUid(String path) {
    return instances.onramps.get(path).uid();
  }

  /** How many connections (streams) an onramp instance has open. */
  public synchronized int openStreams(String path) {
    return instances.onramps.get(path).openStreams();
  }

  /** The sink of an offramp instance, e.g. {@code /offramp/upstream/01}. */
  public synchronized Sink sink(String path) {
    return instances.offramps.get(path).sink();
  }

  /** The source of an onramp instance (e.g. to ask a ws onramp for its bound port in tests). */
  public synchronized Source source(String path) {
    return instances.onramps.get(path).source();
  }
}
