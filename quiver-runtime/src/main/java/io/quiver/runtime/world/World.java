package io.quiver.runtime.world;

import io.quiver.pipeline.PipelineCompiler;
import io.quiver.pipeline.PipelineDefinition;
import io.quiver.runtime.Registry;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.ConfigFile;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.MappingSpec;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.config.YamlConfigReader;
import io.quiver.runtime.system.StdStreamSink;
import io.quiver.script.ScriptException;
import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.EpochClock;
import io.quiver.spi.Ports;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigProblem;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployment: artefacts loaded from files, bindings instantiated by their mappings, instances
 * linked and started in Tremor's activation order.
 *
 * <p>{@link #load} validates everything and reports every problem at once before anything runs;
 * {@link #start} then starts linked offramps, other offramps and finally onramps, so that no event
 * flows before its path exists (Tremor 0.11.2's order, src/repository/artefact.rs).
 */
public final class World {
  private static final Logger LOG = LoggerFactory.getLogger(World.class);

  public static final String PASSTHROUGH = "system::passthrough";
  public static final String METRICS = "system::metrics";
  public static final String STDOUT = "system::stdout";
  public static final String STDERR = "system::stderr";
  private static final String PASSTHROUGH_QUERY = "select event from in into out;\n";

  private final Registry registry;
  private final Repository repo = new Repository();
  private final Map<String, ValidatedRamp> onrampPlans = new LinkedHashMap<>();
  private final Map<String, ValidatedRamp> offrampPlans = new LinkedHashMap<>();
  private final Map<String, OnrampInstance> onramps = new LinkedHashMap<>();

  /** Onramps by uid (an event id's source), read from event loops by {@link #origins}. */
  private final Map<Long, OnrampInstance> onrampsByUid =
      new java.util.concurrent.ConcurrentHashMap<>();

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
  private final Map<String, OfframpInstance> offramps = new LinkedHashMap<>();
  private final Map<String, PipelineRunner> pipelines = new LinkedHashMap<>();
  private final List<OfframpInstance> linkedOfframpOrder = new ArrayList<>();
  private long nextOnrampUid = 1;
  private volatile boolean running;
  private java.util.concurrent.ScheduledExecutorService ticker;

  /**
   * How often pipelines get a {@link io.quiver.spi.Signal.Tick} (Tremor's TICK_MS,
   * src/pipeline.rs).
   */
  static final long TICK_MS = 100;

  /** An onramp/offramp spec whose type, codec, processors and config all checked out. */
  private record ValidatedRamp(RampSpec spec, Config config, String codec) {}

  private World(Registry registry) {
    this.registry = registry;
  }

  /**
   * Reads, validates and links a deployment (nothing is started).
   *
   * @param files {@code .trickle} files load first, then YAML files in the order given
   */
  public static World load(List<Path> files, Registry registry) throws DeploymentException {
    World world = new World(registry);
    Problems problems = new Problems();
    world.publishSystemArtefacts(problems);
    List<Path> trickle = new ArrayList<>();
    List<Path> yaml = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.endsWith(".trickle")) {
        trickle.add(f);
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        yaml.add(f);
      } else {
        problems.add(
            Location.ofFile(f.toString()),
            "unsupported file type: give .trickle pipelines and .yaml/.yml artefact files");
      }
    }
    for (Path f : trickle) {
      world.loadPipeline(f, problems);
    }
    List<ConfigFile> configs = new ArrayList<>();
    for (Path f : yaml) {
      String text = read(f, problems);
      if (text != null) {
        configs.add(YamlConfigReader.read(f.toString(), text, problems));
      }
    }
    for (ConfigFile c : configs) {
      c.offramps().forEach(o -> world.repo.addOfframp(o, problems));
      c.onramps().forEach(o -> world.repo.addOnramp(o, problems));
      c.bindings().forEach(b -> world.repo.addBinding(b, problems));
    }
    world.repo.onramps.values().forEach(r -> world.validateOnramp(r, problems));
    world.repo.offramps.values().forEach(r -> world.validateOfframp(r, problems));
    for (ConfigFile c : configs) {
      for (MappingSpec m : c.mappings()) {
        world.instantiate(m, problems);
      }
    }
    world.checkErrRequired(problems);
    if (!problems.isEmpty()) {
      world.pipelines.values().forEach(PipelineRunner::close); // e.g. release WAL logs opened
      throw new DeploymentException(problems.list());
    }
    return world;
  }

  // ---- loading ----

  private void publishSystemArtefacts(Problems problems) {
    try {
      repo.pipelines.put(
          PASSTHROUGH, PipelineCompiler.compile(PASSTHROUGH_QUERY, PASSTHROUGH, PASSTHROUGH));
      repo.pipelines.put(METRICS, PipelineCompiler.compile(PASSTHROUGH_QUERY, METRICS, METRICS));
    } catch (ScriptException e) {
      throw new IllegalStateException("built-in pipeline does not compile: " + e.getMessage(), e);
    }
    ensurePipeline(TremorUrl.parse("/pipeline/" + METRICS + "/system"));
    for (String std : List.of(STDOUT, STDERR)) {
      TremorUrl url = TremorUrl.parse("/offramp/" + std + "/system");
      StdStreamSink sink =
          new StdStreamSink(STDOUT.equals(std) ? () -> System.out : () -> System.err);
      Artefact a = new Artefact(std, "system", url.toString(), false);
      offramps.put(
          url.path(), new OfframpInstance(url, a, sink, () -> null, () -> null, OriginFlow.NONE));
    }
  }

  private void loadPipeline(Path file, Problems problems) {
    String text = read(file, problems);
    if (text == null) {
      return;
    }
    String name = file.getFileName().toString();
    String stem = name.substring(0, name.length() - ".trickle".length());
    try {
      PipelineDefinition def = PipelineCompiler.compile(text, file.toString(), stem);
      repo.addPipeline(def, Location.ofFile(file.toString()), problems);
    } catch (ScriptException e) {
      problems.add(
          new Location(file.toString(), e.line(), e.column()),
          "invalid pipeline:\n" + e.renderAll());
    }
  }

  private static String read(Path f, Problems problems) {
    try {
      return io.quiver.value.Utf8File.read(f);
    } catch (java.nio.file.NoSuchFileException e) {
      problems.add(Location.ofFile(f.toString()), "file not found");
    } catch (io.quiver.value.Utf8File.NotUtf8Exception e) {
      problems.add(new Location(f.toString(), e.line(), e.column()), e.getMessage());
    } catch (IOException e) {
      problems.add(Location.ofFile(f.toString()), "cannot read file: " + e.getMessage());
    }
    return null;
  }

  // ---- validation of ramps ----

  private void validateOnramp(RampSpec spec, Problems problems) {
    SourceProvider provider = registry.source(spec.type());
    if (provider == null) {
      problems.add(
          spec.locationOf("type"),
          spec.path()
              + ": unknown onramp type `"
              + spec.type()
              + "`; known onramp types: "
              + String.join(", ", registry.sourceNames()));
      formatsKnown(spec, null, problems);
      return;
    }
    validateRamp(
            spec,
            provider.configSpec(),
            provider.requiresConfig(),
            provider.defaultCodec(),
            problems)
        .ifPresent(v -> onrampPlans.put(spec.id(), v));
  }

  private void validateOfframp(RampSpec spec, Problems problems) {
    SinkProvider provider = registry.sink(spec.type());
    if (provider == null) {
      problems.add(
          spec.locationOf("type"),
          spec.path()
              + ": unknown offramp type `"
              + spec.type()
              + "`; known offramp types: "
              + String.join(", ", registry.sinkNames()));
      formatsKnown(spec, null, problems);
      return;
    }
    validateRamp(
            spec,
            provider.configSpec(),
            provider.requiresConfig(),
            provider.defaultCodec(),
            problems)
        .ifPresent(v -> offrampPlans.put(spec.id(), v));
  }

  /**
   * Reports every unknown codec, preprocessor and postprocessor of {@code spec}; {@code
   * defaultCodec} (null when the ramp type is unknown) stands in for a missing {@code codec}.
   */
  private boolean formatsKnown(RampSpec spec, String defaultCodec, Problems problems) {
    boolean ok = true;
    String codec = spec.codec() != null ? spec.codec() : defaultCodec;
    if (codec != null && !registry.hasCodec(codec)) {
      problems.add(
          spec.locationOf("codec"),
          spec.path()
              + ": Codec '"
              + codec
              + "' not found. Known codecs: "
              + String.join(", ", registry.codecNames()));
      ok = false;
    }
    for (String c : spec.codecMap().values()) {
      if (!registry.hasCodec(c)) {
        problems.add(
            spec.locationOf("codec_map"),
            spec.path()
                + ": Codec '"
                + c
                + "' not found. Known codecs: "
                + String.join(", ", registry.codecNames()));
        ok = false;
      }
    }
    for (String p : spec.preprocessors()) {
      if (!registry.hasPreprocessor(p)) {
        problems.add(
            spec.locationOf("preprocessors"),
            spec.path()
                + ": Preprocessor '"
                + p
                + "' not found. Known preprocessors: "
                + String.join(", ", registry.preprocessorNames()));
        ok = false;
      }
    }
    for (String p : spec.postprocessors()) {
      if (!registry.hasPostprocessor(p)) {
        problems.add(
            spec.locationOf("postprocessors"),
            spec.path()
                + ": Postprocessor '"
                + p
                + "' not found. Known postprocessors: "
                + String.join(", ", registry.postprocessorNames()));
        ok = false;
      }
    }
    return ok;
  }

  private java.util.Optional<ValidatedRamp> validateRamp(
      RampSpec spec,
      ConfigSpec configSpec,
      boolean requiresConfig,
      String defaultCodec,
      Problems problems) {
    boolean ok = formatsKnown(spec, defaultCodec, problems);
    if (spec.config() == null && requiresConfig) {
      problems.add(
          spec.location(),
          spec.path()
              + ": missing `config:` block; the "
              + spec.type()
              + " "
              + spec.kind().word()
              + " needs "
              + requiredKeys(configSpec));
      return java.util.Optional.empty();
    }
    ConfigSpec.Validation v = configSpec.validate(spec.config());
    for (ConfigProblem p : v.problems()) {
      problems.add(spec.locationOfConfigKey(p.key()), spec.path() + ": " + p.message());
    }
    for (String unknown : v.unknownKeys()) {
      LOG.warn(
          "{}: {}: unknown configuration key `{}` is ignored (known keys: {})",
          spec.locationOfConfigKey(unknown),
          spec.path(),
          unknown,
          String.join(", ", configSpec.keys().stream().map(k -> k.name()).toList()));
    }
    if (!v.ok() || !ok) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new ValidatedRamp(spec, v.config(), spec.codec() != null ? spec.codec() : defaultCodec));
  }

  private static String requiredKeys(ConfigSpec spec) {
    List<String> names = spec.keys().stream().filter(k -> k.required()).map(k -> k.name()).toList();
    return names.isEmpty() ? "a config block" : "the keys " + String.join(", ", names);
  }

  // ---- bindings ----

  private void instantiate(MappingSpec mapping, Problems problems) {
    TremorUrl bindingUrl;
    try {
      bindingUrl = TremorUrl.parse(mapping.bindingUrl());
    } catch (IllegalArgumentException e) {
      problems.add(mapping.location(), e.getMessage());
      return;
    }
    if (bindingUrl.type() != ResourceType.BINDING
        || bindingUrl.instance() == null
        || bindingUrl.port() != null) {
      problems.add(
          mapping.location(),
          "mapping key `"
              + mapping.bindingUrl()
              + "` must have the form /binding/<binding id>/<instance>");
      return;
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
      return;
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
      return;
    }
    try {
      link(links);
    } catch (IllegalStateException e) {
      // an operator could not be set up, e.g. a qos::wal whose log cannot be opened
      problems.add(mapping.location(), "binding " + binding.id() + ": " + e.getMessage());
    }
  }

  private void link(List<ResolvedLink> links) {
    // Tremor's activation order: linked offramp outputs, then pipeline outputs, then onramps.
    for (ResolvedLink l : links) {
      if (l.kind() == LinkKind.OFFRAMP_TO_PIPELINE) {
        PipelineRunner target = ensurePipeline(l.to());
        OfframpInstance from = ensureOfframp(l.from());
        from.outputs().connect(l.from().port(), new Destination.ToPipeline(target, l.to().port()));
      }
    }
    for (ResolvedLink l : links) {
      Destination target =
          switch (l.kind()) {
            case PIPELINE_TO_OFFRAMP -> new Destination.ToOfframp(ensureOfframp(l.to()));
            case PIPELINE_TO_PIPELINE ->
                new Destination.ToPipeline(ensurePipeline(l.to()), l.to().port());
            case PIPELINE_TO_ONRAMP -> new Destination.ToOnrampReply(ensureOnramp(l.to()));
            default -> null;
          };
      if (target != null) {
        ensurePipeline(l.from()).outputs().connect(l.from().port(), target);
      }
      // the contraflow runs these links backwards (linked offramps feeding pipelines get none)
      if (l.kind() == LinkKind.PIPELINE_TO_OFFRAMP) {
        ensureOfframp(l.to()).inputs().add(ensurePipeline(l.from()));
      } else if (l.kind() == LinkKind.PIPELINE_TO_PIPELINE
          && !l.from().instanceUrl().path().equals(l.to().instanceUrl().path())
          && !METRICS.equals(l.to().artefact())) {
        ensurePipeline(l.to()).inputs().add(ensurePipeline(l.from()));
      }
    }
    for (ResolvedLink l : links) {
      if (l.kind() == LinkKind.ONRAMP_TO_PIPELINE) {
        PipelineRunner target = ensurePipeline(l.to());
        OnrampInstance onramp = ensureOnramp(l.from());
        onramp
            .outputs()
            .connect(l.from().port(), new Destination.ToPipeline(target, l.to().port()));
        target.inputs().add(onramp);
      }
    }
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
    String shown = link.from() + " -> " + link.to();
    LinkKind kind = LinkKind.of(from.type(), to.type());
    if (kind == null) {
      problems.add(
          link.location(),
          "binding " + binding.id() + ": " + LinkKind.FORMS + " (got " + shown + ")");
      return null;
    }
    boolean ok = true;
    for (TremorUrl u : List.of(from, to)) {
      if (u.instance() == null || u.port() == null) {
        problems.add(
            link.location(),
            "binding "
                + binding.id()
                + ": Bad URL: "
                + u.path()
                + " (a link end needs /<type>/<artefact>/<instance>/<port>)");
        return null;
      }
      if (u.instance().contains("{")) {
        problems.add(
            link.location(),
            "binding "
                + binding.id()
                + ": "
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
            "binding "
                + binding.id()
                + ": "
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
    if (from.type() == ResourceType.ONRAMP
        && !List.of(Ports.OUT, Ports.ERR, Ports.METRICS).contains(from.port())) {
      problems.add(
          link.location(),
          "binding "
              + binding.id()
              + ": Invalid Onramp Port: "
              + from.port()
              + ". Cannot connect.");
      ok = false;
    }
    if (to.type() == ResourceType.ONRAMP && !Ports.IN.equals(to.port())) {
      problems.add(
          link.location(),
          "binding "
              + binding.id()
              + ": "
              + to.path()
              + ": replies go to an onramp's `in` port, not `"
              + to.port()
              + "`");
      ok = false;
    }
    if (to.type() == ResourceType.OFFRAMP && !Ports.IN.equals(to.port())) {
      problems.add(
          link.location(),
          "binding "
              + binding.id()
              + ": "
              + to.path()
              + ": events go into an offramp's `in` port, not `"
              + to.port()
              + "`");
      ok = false;
    }
    if (from.type() == ResourceType.OFFRAMP && (Ports.IN.equals(from.port()))) {
      problems.add(
          link.location(),
          "binding "
              + binding.id()
              + ": "
              + from.path()
              + ": `in` is an offramp's input; link from its `out` or `err` port");
      ok = false;
    }
    return ok ? new ResolvedLink(kind, from, to, link.location()) : null;
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
      case OFFRAMP -> repo.offramps.containsKey(u.artefact()) || isStdStream(u.artefact());
      case PIPELINE -> repo.pipelines.containsKey(u.artefact());
      case BINDING -> repo.bindings.containsKey(u.artefact());
    };
  }

  private boolean validated(TremorUrl u) {
    return switch (u.type()) {
      case ONRAMP -> onrampPlans.containsKey(u.artefact());
      case OFFRAMP -> offrampPlans.containsKey(u.artefact()) || isStdStream(u.artefact());
      default -> true;
    };
  }

  private static boolean isStdStream(String artefact) {
    return STDOUT.equals(artefact) || STDERR.equals(artefact);
  }

  private String knownOf(ResourceType type) {
    return switch (type) {
      case ONRAMP -> Repository.known("onramp", repo.onramps.keySet());
      case OFFRAMP -> {
        java.util.Set<String> ids = new java.util.TreeSet<>(repo.offramps.keySet());
        ids.add(STDOUT);
        ids.add(STDERR);
        yield Repository.known("offramp", ids);
      }
      case PIPELINE -> Repository.known("pipeline", repo.pipelines.keySet());
      case BINDING -> Repository.known("binding", repo.bindings.keySet());
    };
  }

  // ---- instances ----

  private PipelineRunner ensurePipeline(TremorUrl url) {
    TremorUrl instance = url.instanceUrl();
    return pipelines.computeIfAbsent(
        instance.path(),
        k ->
            new PipelineRunner(
                instance,
                repo.pipelines.get(instance.artefact()).instantiate(),
                this::linkedOnramp));
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
    if (isStdStream(instance.artefact())) {
      // another instance name of a std stream: same output
      StdStreamSink sink =
          new StdStreamSink(
              STDOUT.equals(instance.artefact()) ? () -> System.out : () -> System.err);
      OfframpInstance o =
          new OfframpInstance(
              instance,
              new Artefact(instance.artefact(), instance.instance(), instance.toString(), false),
              sink,
              () -> null,
              () -> null,
              OriginFlow.NONE);
      offramps.put(instance.path(), o);
      return o;
    }
    ValidatedRamp plan = offrampPlans.get(instance.artefact());
    RampSpec spec = plan.spec();
    Artefact artefact =
        new Artefact(spec.id(), instance.instance(), instance.toString(), spec.linked());
    SinkProvider provider = registry.sink(spec.type());
    Supplier<Serializer> serializers =
        () ->
            new Serializer(
                registry.codec(plan.codec()),
                spec.postprocessors().stream().map(registry::postprocessor).toList());
    Supplier<Deserializer> deserializers =
        () ->
            new Deserializer(
                spec.preprocessors().stream().map(registry::preprocessor).toList(),
                registry.codec(plan.codec()));
    OfframpInstance o =
        new OfframpInstance(
            instance,
            artefact,
            provider.create(artefact, plan.config()),
            serializers,
            deserializers,
            origins);
    offramps.put(instance.path(), o);
    if (spec.linked()) {
      linkedOfframpOrder.add(o);
    }
    return o;
  }

  private OnrampInstance ensureOnramp(TremorUrl url) {
    TremorUrl instance = url.instanceUrl();
    OnrampInstance existing = onramps.get(instance.path());
    if (existing != null) {
      return existing;
    }
    ValidatedRamp plan = onrampPlans.get(instance.artefact());
    RampSpec spec = plan.spec();
    Artefact artefact =
        new Artefact(spec.id(), instance.instance(), instance.toString(), spec.linked());
    SourceProvider provider = registry.source(spec.type());
    Supplier<Deserializer> deserializers =
        () ->
            new Deserializer(
                spec.preprocessors().stream().map(registry::preprocessor).toList(),
                registry.codec(plan.codec()));
    Supplier<Serializer> replySerializers =
        () ->
            new Serializer(
                registry.codec(plan.codec()),
                spec.postprocessors().stream().map(registry::postprocessor).toList());
    OnrampInstance o =
        new OnrampInstance(
            instance,
            nextOnrampUid++,
            artefact,
            provider.create(artefact, plan.config()),
            deserializers,
            replySerializers);
    onramps.put(instance.path(), o);
    onrampsByUid.put(o.uid(), o);
    return o;
  }

  private void checkErrRequired(Problems problems) {
    for (OnrampInstance o : onramps.values()) {
      RampSpec spec = repo.onramps.get(o.url().artefact());
      if (spec != null && spec.errRequired() && !o.outputs().isConnected(Ports.ERR)) {
        problems.add(
            spec.locationOf("err_required"),
            spec.path()
                + ": err_required is true but nothing is linked to "
                + o.url().withPort(Ports.ERR).path()
                + "; link it to a pipeline or drop err_required");
      }
    }
  }

  // ---- lifecycle ----

  /** Starts offramps (linked first), then onramps. On failure stops what started and throws. */
  public void start() throws DeploymentException {
    Problems problems = new Problems();
    List<OfframpInstance> order = new ArrayList<>(linkedOfframpOrder);
    for (OfframpInstance o : offramps.values()) {
      if (!order.contains(o)) {
        order.add(o);
      }
    }
    for (OfframpInstance o : order) {
      o.announceAvailable();
    }
    for (OfframpInstance o : order) {
      try {
        o.start();
      } catch (Exception e) {
        problems.add(locationOf(o.url()), o.url().path() + ": cannot start offramp: " + message(e));
      }
    }
    List<OnrampInstance> started = new ArrayList<>();
    if (problems.isEmpty()) {
      for (OnrampInstance o : onramps.values()) {
        try {
          o.start();
          started.add(o);
        } catch (Exception e) {
          problems.add(
              locationOf(o.url()), o.url().path() + ": cannot start onramp: " + message(e));
        }
      }
    }
    if (!problems.isEmpty()) {
      started.forEach(OnrampInstance::stop);
      order.forEach(OfframpInstance::stop);
      throw new DeploymentException(problems.list());
    }
    running = true;
    startTicks();
    LOG.info(
        "deployment running: {} onramp(s), {} pipeline(s), {} offramp(s)",
        onramps.size(),
        pipelines.size(),
        offramps.size());
  }

  /** How long {@link #stop()} lets the events already taken get their answers. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /** How often the drain looks whether everything is answered. */
  private static final long DRAIN_POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

  /** How long the error answers made when offramps stop get to reach their onramps. */
  private static final long ERROR_ANSWERS_WAIT_NS = TimeUnit.SECONDS.toNanos(1);

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
  public void stop(Duration drainTimeout) {
    if (!running) {
      return;
    }
    running = false;
    stopTicks();
    for (OnrampInstance o : onramps.values()) {
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
    for (OfframpInstance o : offramps.values()) {
      try {
        o.stop();
      } catch (RuntimeException e) {
        LOG.warn("{}: error while stopping: {}", o.url(), e.toString());
      }
    }
    awaitPipelinesIdle(System.nanoTime() + ERROR_ANSWERS_WAIT_NS);
    for (OnrampInstance o : onramps.values()) {
      try {
        o.stop();
      } catch (RuntimeException e) {
        LOG.warn("{}: error while stopping: {}", o.url(), e.toString());
      }
    }
    for (PipelineRunner p : pipelines.values()) {
      p.close();
    }
    LOG.info("deployment stopped");
  }

  private void stopTicks() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        // a tick still running must not reach operators after they are closed
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
      if (pipelinesIdle() && offrampsDrained() && pipelinesIdle()) {
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
    while (!pipelinesIdle() && System.nanoTime() - deadlineNs < 0) {
      LockSupport.parkNanos(DRAIN_POLL_NS);
    }
  }

  private boolean pipelinesIdle() {
    for (PipelineRunner p : pipelines.values()) {
      if (!p.idle()) {
        return false;
      }
    }
    return true;
  }

  private boolean offrampsDrained() {
    for (OfframpInstance o : offramps.values()) {
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

  /**
   * Ticks every pipeline every {@link #TICK_MS} ms, so time-based windows close without new events.
   * The tick runs the pipeline through its runner like any event, so it never overlaps one.
   */
  private void startTicks() {
    ticker =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quiver-ticks");
              t.setDaemon(true);
              return t;
            });
    List<PipelineRunner> runners = List.copyOf(pipelines.values());
    ticker.scheduleAtFixedRate(
        () -> {
          io.quiver.spi.Signal tick = new io.quiver.spi.Signal.Tick(EpochClock.nowNs());
          for (PipelineRunner r : runners) {
            try {
              r.submitSignal(tick, 1);
            } catch (Throwable t) {
              // a task that throws is never scheduled again: no tick may stop the ticks
              LOG.error("{}: error ticking the pipeline: {}", r.url(), t.toString(), t);
            }
          }
        },
        TICK_MS,
        TICK_MS,
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private Location locationOf(TremorUrl url) {
    RampSpec spec =
        url.type() == ResourceType.ONRAMP
            ? repo.onramps.get(url.artefact())
            : repo.offramps.get(url.artefact());
    return spec != null ? spec.location() : Location.ofFile(url.path());
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  // ---- introspection (tests, future API) ----

  /** The instance paths, e.g. {@code /onramp/ws/01}, by kind. */
  public Map<String, List<String>> instances() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("onramp", List.copyOf(onramps.keySet()));
    out.put("pipeline", List.copyOf(pipelines.keySet()));
    out.put("offramp", List.copyOf(offramps.keySet()));
    return out;
  }

  /** The uid (event id source) of an onramp instance, e.g. 1 for the first. */
  public long onrampUid(String path) {
    return onramps.get(path).uid();
  }

  /** How many connections (streams) an onramp instance has open. */
  public int openStreams(String path) {
    return onramps.get(path).openStreams();
  }

  /** The sink of an offramp instance, e.g. {@code /offramp/upstream/01}. */
  public io.quiver.spi.Sink sink(String path) {
    return offramps.get(path).sink();
  }

  /** The source of an onramp instance (e.g. to ask a ws onramp for its bound port in tests). */
  public io.quiver.spi.Source source(String path) {
    return onramps.get(path).source();
  }
}
