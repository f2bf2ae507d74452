package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

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

class BindingResolverTest {
  private final Problems problems = new Problems();

  /** A resolver over the artefacts of a YAML text and pipelines p and q; every ramp validated. */
  private BindingResolver resolver(String yaml) {
    Map<String, String> texts =
        Map.of(
            "p.trickle", "select event from in into out;\n",
            "q.trickle", "select event from in into out;\n",
            "config.yaml", yaml);
    ArtefactLoader.Loaded loaded =
        ArtefactLoader.load(
            List.of(Path.of("p.trickle"), Path.of("q.trickle"), Path.of("config.yaml")),
            (f, p) -> texts.get(f.toString()),
            problems);
    assertThat(problems.isEmpty()).isTrue();
    Repository repo = loaded.repository();
    Map<String, ValidatedRamp> onramps = new LinkedHashMap<>();
    repo.onramps.forEach((id, spec) -> onramps.put(id, new ValidatedRamp(spec, null, "json")));
    Map<String, ValidatedRamp> offramps = new LinkedHashMap<>();
    repo.offramps.forEach((id, spec) -> offramps.put(id, new ValidatedRamp(spec, null, "json")));
    return new BindingResolver(repo, onramps, offramps);
  }

  private static final String RAMPS =
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
      """;

  private Optional<BindingInstance> resolve(String links, Map<String, String> values) {
    return resolver(RAMPS + links)
        .resolve(new MappingSpec("/binding/b/01", values, Location.ofFile("m")), problems);
  }

  private List<String> problems() {
    return problems.list().stream().map(Problem::toString).toList();
  }

  @Test
  void everyPlaceholderOfTheInstanceSegmentIsFilled() {
    BindingInstance b =
        resolve(
                """
                      "/onramp/in/{r}-{n}/out": ["/pipeline/p/{r}/in"]
                      "/pipeline/p/{r}/out": ["/offramp/out/{n}/in", "/pipeline/q/{r}/in"]
                """,
                Map.of("r", "eu", "n", "7"))
            .orElseThrow();

    assertThat(problems()).isEmpty();
    assertThat(b.path()).isEqualTo("/binding/b/01");
    assertThat(b.location()).isEqualTo(Location.ofFile("m"));
    assertThat(b.links())
        .extracting(l -> l.from().path() + " -> " + l.to().path())
        .containsExactly(
            "/pipeline/p/eu/out -> /offramp/out/7/in",
            "/pipeline/p/eu/out -> /pipeline/q/eu/in",
            "/onramp/in/eu-7/out -> /pipeline/p/eu/in");
    assertThat(b.instances())
        .extracting(InstanceKey::path)
        .containsExactly("/offramp/out/7", "/pipeline/p/eu", "/pipeline/q/eu", "/onramp/in/eu-7");
  }

  @Test
  void portsThatCannotBeLinkedAreProblems() {
    Optional<BindingInstance> b =
        resolve(
            """
                  "/onramp/in/{i}/in": ["/pipeline/p/{i}/in"]
                  "/offramp/out/{i}/in": ["/pipeline/q/{i}/in"]
            """,
            Map.of("i", "01"));

    assertThat(b).isEmpty();
    assertThat(problems())
        .containsExactly(
            "config.yaml:10:29: binding b: Invalid Onramp Port: in. Cannot connect.",
            "config.yaml:11:31: binding b: /offramp/out/01/in: `in` is an offramp's input; link from"
                + " its `out` or `err` port");
  }

  @Test
  void anyTargetPortOfAnOfframpOrOnrampIsTakenAsTremorDoes() {
    BindingInstance b =
        resolve(
                """
                      "/pipeline/p/{i}/out": ["/offramp/out/{i}/out", "/onramp/in/{i}/response"]
                """,
                Map.of("i", "01"))
            .orElseThrow();

    assertThat(problems()).isEmpty();
    assertThat(b.links())
        .extracting(l -> l.kind() + " " + l.to().path())
        .containsExactly(
            "PIPELINE_TO_OFFRAMP /offramp/out/01/out", "PIPELINE_TO_ONRAMP /onramp/in/01/response");
  }

  @Test
  void aMappingKeyThatIsNoBindingInstanceIsAProblem() {
    Optional<BindingInstance> b =
        resolver(RAMPS + "        \"/pipeline/p/01/out\": [\"/offramp/out/01/in\"]\n")
            .resolve(new MappingSpec("/binding/b", Map.of(), Location.ofFile("m")), problems);

    assertThat(b).isEmpty();
    assertThat(problems())
        .containsExactly(
            "m: mapping key `/binding/b` must have the form /binding/<binding id>/<instance>");
  }
}
