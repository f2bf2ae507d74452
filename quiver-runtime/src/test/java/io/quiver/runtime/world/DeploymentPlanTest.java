package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.config.Location;
import io.quiver.runtime.config.MappingSpec;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning a deployment from texts: nothing is created or started. */
class DeploymentPlanTest {
  private static final Registry REGISTRY = Registry.load();
  private static final String PASS = "select event from in into out;\n";

  @TempDir Path tmp;

  private static final String LINKED =
      """
      onramp:
        - id: in
          type: memory
          linked: true
      offramp:
        - id: out
          type: memory
          linked: true
      binding:
        - id: main
          links:
            "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
            "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
            "/offramp/out/{instance}/out": ["/pipeline/back/{instance}/in"]
            "/pipeline/back/{instance}/out": ["/onramp/in/{instance}/in"]
        - id: error
          links:
            "/onramp/in/{instance}/err": ["/pipeline/system::passthrough/system/in"]
            "/pipeline/system::passthrough/system/out": ["/onramp/in/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
        /binding/error/01:
          instance: "01"
      """;

  /** Two mappings of one binding that share a pipeline instance. */
  private static final String SHARED =
      """
      onramp:
        - id: in
          type: memory
      offramp:
        - id: out
          type: memory
      binding:
        - id: b
          links:
            "/onramp/in/{instance}/out": ["/pipeline/p/shared/in"]
            "/pipeline/p/shared/out": ["/offramp/out/{instance}/in"]
      mapping:
        /binding/b/01:
          instance: "01"
        /binding/b/02:
          instance: "02"
      """;

  private static DeploymentPlan plan(String yaml, String... pipelines) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String p : pipelines) {
      texts.put(p + ".trickle", PASS);
    }
    texts.put("config.yaml", yaml);
    return DeploymentPlan.ofTexts(texts, REGISTRY);
  }

  private static List<String> problems(DeploymentPlan plan) {
    return plan.problems().stream().map(Problem::toString).toList();
  }

  private static List<String> paths(List<InstanceKey> keys) {
    return keys.stream().map(InstanceKey::path).toList();
  }

  @Test
  void artefactsAreListedByKindAndId() {
    DeploymentPlan plan = plan(LINKED, "fwd", "back");

    assertThat(plan.ok()).isTrue();
    assertThat(plan.artefacts(ResourceType.ONRAMP)).containsExactly("in");
    assertThat(plan.artefacts(ResourceType.OFFRAMP)).containsExactly("out");
    assertThat(plan.artefacts(ResourceType.PIPELINE))
        .containsExactlyInAnyOrder("system::passthrough", "system::metrics", "fwd", "back");
    assertThat(plan.artefacts(ResourceType.BINDING)).containsExactly("main", "error");
  }

  @Test
  void theConnectorTypesDeclaredAreListedOnce() {
    DeploymentPlan plan = plan(LINKED, "fwd", "back");

    assertThat(plan.connectorTypes()).containsExactly("memory");
  }

  @Test
  void linksAreResolvedIntoConcreteInstancesInActivationOrder() {
    DeploymentPlan plan = plan(LINKED, "fwd", "back");

    assertThat(plan.bindingInstances())
        .extracting(BindingInstance::path)
        .containsExactly("/binding/main/01", "/binding/error/01");
    BindingInstance main = plan.bindingInstance("/binding/main/01").orElseThrow();
    assertThat(main.bindingId()).isEqualTo("main");
    // linked offramp outputs first, then pipeline outputs as written, onramps last
    assertThat(main.links())
        .extracting(l -> l.from().path() + " -> " + l.to().path())
        .containsExactly(
            "/offramp/out/01/out -> /pipeline/back/01/in",
            "/pipeline/fwd/01/out -> /offramp/out/01/in",
            "/pipeline/back/01/out -> /onramp/in/01/in",
            "/onramp/in/01/out -> /pipeline/fwd/01/in");
    assertThat(main.links())
        .extracting(ResolvedLink::kind)
        .containsExactly(
            LinkKind.OFFRAMP_TO_PIPELINE,
            LinkKind.PIPELINE_TO_OFFRAMP,
            LinkKind.PIPELINE_TO_ONRAMP,
            LinkKind.ONRAMP_TO_PIPELINE);
    assertThat(paths(plan.instances()))
        .containsExactly(
            "/pipeline/system::metrics/system",
            "/offramp/system::stdout/system",
            "/offramp/system::stderr/system",
            "/pipeline/back/01",
            "/offramp/out/01",
            "/pipeline/fwd/01",
            "/onramp/in/01",
            "/pipeline/system::passthrough/system");
  }

  @Test
  void theWorldCreatesThePlannedInstancesInThePlannedOrder() throws Exception {
    DeploymentPlan plan = plan(LINKED, "fwd", "back");

    World world = World.of(plan);

    for (ResourceType type :
        List.of(ResourceType.ONRAMP, ResourceType.PIPELINE, ResourceType.OFFRAMP)) {
      assertThat(world.instances().get(type.word()))
          .containsExactlyElementsOf(
              plan.instances().stream()
                  .filter(k -> k.type() == type)
                  .map(InstanceKey::path)
                  .toList());
    }
    assertThat(world.plan()).isSameAs(plan);
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPlace() {
    DeploymentPlan plan =
        plan(
            """
            onramp:
              - id: in
                type: memory
              - id: odd
                type: nope
            offramp:
              - id: out
                type: memory
            binding:
              - id: b
                links:
                  "/onramp/in/{instance}/out": ["/offramp/out/{instance}/in"]
                  "/pipeline/q/{instance}/out": ["/offramp/out/{instance}/in"]
            mapping:
              /binding/b/01:
                instance: "01"
              /binding/c/01:
                instance: "01"
            """,
            "p");

    assertThat(plan.ok()).isFalse();
    assertThat(problems(plan))
        .containsExactly(
            "config.yaml:5:11: [onramp:odd] Onramp type nope not known\n  known onramp types: "
                + String.join(", ", REGISTRY.sourceNames()),
            "config.yaml:12:37: binding b: links require the form of onramp -> pipeline or pipeline"
                + " -> offramp or pipeline -> pipeline or pipeline -> onramp or offramp -> pipeline"
                + " (got /onramp/in/{instance}/out -> /offramp/out/{instance}/in)",
            "config.yaml:13:38: binding b: /pipeline/q/01/out: pipeline `q` not found; known"
                + " pipelines: p, system::metrics, system::passthrough",
            "config.yaml:17:3: binding `c` not found for mapping `/binding/c/01`; known bindings: b");
    assertThat(plan.bindingInstances()).isEmpty();
    assertThatThrownBy(plan::requireOk)
        .isInstanceOf(DeploymentException.class)
        .hasMessage(String.join("\n", problems(plan)));
  }

  @Test
  void errRequiredIsCheckedAgainstTheResolvedLinks() {
    String yaml =
        """
        onramp:
          - id: in
            type: memory
            err_required: true
        binding:
          - id: b
            links:
              "/onramp/in/{instance}/out": ["/pipeline/p/{instance}/in"]
              "/onramp/in/{instance}/%s": ["/pipeline/p/{instance}/in"]
        mapping:
          /binding/b/01:
            instance: "01"
        """;

    assertThat(problems(plan(yaml.formatted("err"), "p"))).isEmpty();
    assertThat(problems(plan(yaml.formatted("metrics"), "p")))
        .containsExactly(
            "config.yaml:4:19: /onramp/in: err_required is true but nothing is linked to"
                + " /onramp/in/01/err; link it to a pipeline or drop err_required");
  }

  @Test
  void filesThatCannotBeReadAreProblems() {
    DeploymentPlan plan =
        DeploymentPlan.load(List.of(tmp.resolve("missing.yaml"), tmp.resolve("x.txt")), REGISTRY);

    assertThat(problems(plan).stream().map(p -> p.replace(tmp + "/", "")))
        .containsExactly(
            "x.txt: unsupported file type: give .trickle pipelines and .yaml/.yml artefact files",
            "missing.yaml: file not found");
  }

  @Test
  void sharedInstancesAreNamedOnceAndOnlyUnsharedOnesAreUnusedWithoutTheirBinding() {
    DeploymentPlan plan = plan(SHARED, "p");

    assertThat(paths(plan.instancesOf("/binding/b/01")))
        .containsExactly("/offramp/out/01", "/pipeline/p/shared", "/onramp/in/01");
    assertThat(paths(plan.instancesOnlyUsedBy("/binding/b/01")))
        .containsExactly("/offramp/out/01", "/onramp/in/01");
    assertThat(paths(plan.instances()).stream().filter(p -> p.startsWith("/pipeline/p/")))
        .containsExactly("/pipeline/p/shared");
    assertThat(plan.instancesOf("/binding/b/03")).isEmpty();
  }

  @Test
  void aNewMappingResolvesAgainstThePlanAndNamesTheInstancesNotRunningYet() {
    DeploymentPlan plan = plan(SHARED, "p");
    Location where = Location.ofFile("api");

    Problems problems = new Problems();
    Optional<BindingInstance> third =
        plan.resolve(new MappingSpec("/binding/b/03", Map.of("instance", "03"), where), problems);

    assertThat(problems.isEmpty()).isTrue();
    assertThat(paths(plan.newInstancesFor(third.orElseThrow())))
        .containsExactly("/offramp/out/03", "/onramp/in/03");
    assertThat(plan.bindingInstances()).hasSize(2); // resolving does not add it

    Optional<BindingInstance> unknown =
        plan.resolve(new MappingSpec("/binding/x/01", Map.of(), where), problems);
    assertThat(unknown).isEmpty();
    assertThat(problems.list())
        .extracting(Problem::toString)
        .containsExactly(
            "api: binding `x` not found for mapping `/binding/x/01`; known bindings: b");
  }

  @Test
  void instancesThatCannotBeSetUpAreReportedInMappingOrderAmongThePlansProblems() throws Exception {
    Path dir = tmp.resolve("wal");
    String wal =
        """
        define qos::wal operator wal with read_count = 1, max_elements = 10, dir = "%s" end;
        create operator wal;
        select event from in into wal;
        select event from wal into out;
        """
            .formatted(dir.toString().replace("\\", "\\\\"));
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("w.trickle", wal);
    texts.put(
        "config.yaml",
        """
        onramp:
          - id: in
            type: memory
        offramp:
          - id: out
            type: memory
        binding:
          - id: b
            links:
              "/onramp/in/{instance}/out": ["/pipeline/w/{instance}/in"]
              "/pipeline/w/{instance}/out": ["/offramp/out/{instance}/in"]
        mapping:
          /binding/a/01: {}
          /binding/b/01:
            instance: "01"
          /binding/b/02:
            instance: "02"
          /binding/c/01: {}
        """);
    DeploymentPlan plan = DeploymentPlan.ofTexts(texts, REGISTRY);

    // planning opens no log: only the mappings' own problems; the second instance of the wal
    // pipeline cannot use the log of the first
    assertThat(problems(plan))
        .containsExactly(
            "config.yaml:13:3: binding `a` not found for mapping `/binding/a/01`; known bindings: b",
            "config.yaml:18:3: binding `c` not found for mapping `/binding/c/01`; known bindings: b");
    assertThatThrownBy(() -> World.of(plan))
        .isInstanceOfSatisfying(
            DeploymentException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .satisfiesExactly(
                        p -> assertThat(p).isEqualTo(problems(plan).get(0)),
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "config.yaml:16:3: binding b: qos::wal operator `wal` cannot"
                                        + " open its log in "
                                        + dir),
                        p -> assertThat(p).isEqualTo(problems(plan).get(1))));
  }
}
