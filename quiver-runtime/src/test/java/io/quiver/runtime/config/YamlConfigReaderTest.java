package io.quiver.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.ResourceType;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlConfigReaderTest {

  private static final String PROXY =
      """
      onramp:
        - id: ws
          type: ws
          linked: true
          codec: string
          preprocessors:
            - lines
          config:
            host: 0.0.0.0
            port: 9139
      offramp:
        - id: upstream
          type: ws
          linked: true
          codec: string
          postprocessors: [lines]
          config:
            url: "ws://localhost:8139"
      binding:
        - id: main
          links:
            "/onramp/ws/{instance}/out": ["/pipeline/pass_incoming/{instance}/in"]
            "/pipeline/pass_incoming/{instance}/out":
              - "/offramp/upstream/{instance}/in"
      mapping:
        /binding/main/01:
          instance: "01"
      """;

  @Test
  void readsEveryArtefactOfTheProxy() {
    Problems problems = new Problems();
    ConfigFile file = YamlConfigReader.read("config.yaml", PROXY, problems);

    assertThat(problems.list()).isEmpty();
    RampSpec ws = file.onramps().get(0);
    assertThat(ws.kind()).isEqualTo(ResourceType.ONRAMP);
    assertThat(ws.id()).isEqualTo("ws");
    assertThat(ws.linked()).isTrue();
    assertThat(ws.preprocessors()).containsExactly("lines");
    assertThat(ws.config())
        .isEqualTo(Value.obj("host", Value.of("0.0.0.0"), "port", Value.of(9139)));
    assertThat(ws.locationOfConfigKey("port")).isEqualTo(new Location("config.yaml", 10, 7));
    RampSpec upstream = file.offramps().get(0);
    assertThat(upstream.postprocessors()).containsExactly("lines");
    assertThat(file.bindings().get(0).links())
        .extracting(BindingSpec.Link::from, BindingSpec.Link::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/onramp/ws/{instance}/out", "/pipeline/pass_incoming/{instance}/in"),
            org.assertj.core.groups.Tuple.tuple(
                "/pipeline/pass_incoming/{instance}/out", "/offramp/upstream/{instance}/in"));
    assertThat(file.mappings())
        .containsExactly(
            new MappingSpec(
                "/binding/main/01",
                java.util.Map.of("instance", "01"),
                new Location("config.yaml", 26, 3)));
  }

  @Test
  void reportsEveryProblemAtOnceWithLineAndColumn() {
    String yaml =
        """
        onramp:
          - id: ws
            type: ws
            prot: 9139
            linked: "yes"
          - type: ws
        pipelines: []
        """;
    Problems problems = new Problems();
    YamlConfigReader.read("bad.yaml", yaml, problems);

    assertThat(problems.list())
        .extracting(Problem::toString)
        .containsExactly(
            "bad.yaml:4:5: unknown field `prot`, expected one of `id`, `type`, `description`, `linked`, `codec`,"
                + " `codec_map`, `preprocessors`, `postprocessors`, `err_required`, `metrics_interval_s`, `config`",
            "bad.yaml:5:13: invalid type: `linked` must be true or false",
            "bad.yaml:6:5: missing field `id`",
            "bad.yaml:7:1: unknown field `pipelines`, expected one of `onramp`, `offramp`, `binding`, `mapping`");
  }

  @Test
  void offrampsDoNotTakeErrRequired() {
    Problems problems = new Problems();
    YamlConfigReader.read(
        "o.yaml", "offramp:\n  - id: o\n    type: ws\n    err_required: true\n", problems);
    assertThat(problems.list())
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .startsWith("unknown field `err_required`");
  }

  @Test
  void invalidYamlIsOneProblemWithItsPlace() {
    Problems problems = new Problems();
    YamlConfigReader.read("broken.yaml", "onramp:\n  - id: [ws\n", problems);
    List<Problem> list = problems.list();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).message()).startsWith("invalid YAML: ");
    assertThat(list.get(0).location().line()).isGreaterThan(0);
  }

  @Test
  void deeplyNestedYamlIsOneProblemWithItsPlaceNotAStackOverflow() throws Exception {
    // the config value of an onramp nested 5000 levels deep, read on a thread with a 1 MiB stack
    StringBuilder yaml = new StringBuilder("onramp:\n  - id: ws\n    type: ws\n    config:\n");
    for (int i = 0; i < 5000; i++) {
      yaml.append("  ".repeat(i + 3)).append("a:\n");
    }
    Problems problems = new Problems();
    Throwable[] thrown = {null};
    Thread reader =
        new Thread(
            null,
            () -> {
              try {
                YamlConfigReader.read("deep.yaml", yaml.toString(), problems);
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            "deep-yaml",
            1L << 20);
    reader.start();
    reader.join();

    assertThat(thrown[0]).isNull();
    assertThat(problems.list())
        .extracting(Problem::toString)
        .containsExactly(
            "deep.yaml:130:257:"
                + " invalid YAML: recursion limit exceeded: more than 128 nested sequences and mappings"
                + " are not supported");
  }

  @Test
  void emptyFileDeclaresNothing() {
    Problems problems = new Problems();
    ConfigFile file = YamlConfigReader.read("empty.yaml", "# nothing\n", problems);
    assertThat(problems.isEmpty()).isTrue();
    assertThat(file.onramps()).isEmpty();
  }

  @Test
  void aLoneArtefactThatIsEmptyOrDoesNotParseIsOneProblem() {
    Problems empty = new Problems();
    assertThat(YamlConfigReader.readRamp(ResourceType.ONRAMP, "ramp.yaml", "# nothing\n", empty))
        .isEmpty();
    assertThat(empty.list())
        .extracting(Problem::message)
        .containsExactly("invalid YAML: the document is empty");

    Problems broken = new Problems();
    assertThat(YamlConfigReader.readBinding("binding.yaml", "id: [main\n", broken)).isEmpty();
    assertThat(broken.list()).hasSize(1);
    assertThat(broken.list().get(0).message()).startsWith("invalid YAML: ");
  }

  @Test
  void duplicateKeysAreRefusedWithTheirPlace() {
    Problems problems = new Problems();
    YamlConfigReader.read(
        "dup.yaml",
        """
        onramp:
          - id: ws
            type: ws
            config:
              port: 1
              host: a
              port: 2
        binding:
          - id: b
            links:
              "/onramp/ws/{instance}/out": ["/pipeline/p/{instance}/in"]
              "/onramp/ws/{instance}/out": ["/pipeline/q/{instance}/in"]
        mapping:
          /binding/b/01: {instance: "01", instance: "02"}
        onramp: []
        """,
        problems);
    assertThat(problems.list())
        .extracting(Problem::toString)
        .containsExactly(
            "dup.yaml:7:7: duplicate entry with key \"port\"",
            "dup.yaml:12:7: duplicate entry with key \"/onramp/ws/{instance}/out\"",
            "dup.yaml:14:35: duplicate entry with key \"instance\"",
            "dup.yaml:15:1: duplicate field `onramp`");
  }
}
