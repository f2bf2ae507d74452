package io.quiver.server.it;

import static io.quiver.server.it.HttpServerRecipeIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe 37 (a configurator that fans a request out to two quota service nodes and joins their
 * answers), the README's transcript: the two nodes and the configurator in this JVM, on free ports.
 */
class ConfiguratorRecipeIT {
  private static final int[] RECIPE_PORTS = {8139, 8140, 9139, 12202};

  @TempDir Path dir;

  private final List<ExampleDeployment> running = new ArrayList<>();

  @AfterEach
  void stop() {
    for (ExampleDeployment d : running.reversed()) {
      d.close();
    }
  }

  private static int port(List<Integer> taken) {
    int p =
        ExampleDeployment.freePortAvoiding(taken.stream().mapToInt(Integer::intValue).toArray());
    taken.add(p);
    return p;
  }

  @Test
  void aChangeGoesToEveryNodeAndTheirAnswersComeBackJoined() throws Exception {
    List<Integer> taken = new ArrayList<>();
    for (int p : RECIPE_PORTS) {
      taken.add(p);
    }
    int node1 = port(taken);
    int node2 = port(taken);
    int configurator = port(taken);
    running.add(
        QuotaServiceRecipeIT.startNode(
            "36_quota_service", dir.resolve("node1"), 8139, node1, port(taken)));
    running.add(
        QuotaServiceRecipeIT.startNode(
            "37_configurator/quota_service_2", dir.resolve("node2"), 8140, node2, port(taken)));
    running.add(
        ExampleDeployment.start(
            "37_configurator",
            dir.resolve("configurator"),
            8139,
            node1,
            8140,
            node2,
            9139,
            configurator));

    assertThat(Http.get(configurator, "/services").body()).isEqualTo("[\"quota_service\"]");

    HttpResponse<String> put =
        Http.send(
            "PUT",
            configurator,
            "/service/quota_service/application_default",
            "application/json",
            "11");
    assertThat(put.statusCode()).isLessThan(300);
    assertThat(upstreams(json(put)))
        .containsExactlyInAnyOrder("localhost:" + node1, "localhost:" + node2);
    assertThat(put.body()).contains("\"response\":{\"application_default\":100}");

    for (int node : new int[] {node1, node2}) {
      assertThat(QuotaServiceRecipeIT.quotas(node)).contains("\"application_default\":11");
    }
    HttpResponse<String> read =
        Http.get(configurator, "/service/quota_service/application_default");
    assertThat(upstreams(json(read)))
        .containsExactlyInAnyOrder("localhost:" + node1, "localhost:" + node2);
    assertThat(read.body()).contains("\"response\":{\"application_default\":11}");

    HttpResponse<String> missing = Http.get(configurator, "/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"handler\":\"Configurator\",\"error\":\"Path '/nope' not found for method GET\","
                + "\"event\":\"\"}");
  }

  private static List<String> upstreams(Value joined) {
    List<String> out = new ArrayList<>();
    for (Value v : ((Value.Arr) joined).items()) {
      out.add(((Value.Str) ((Value.Obj) v).get("upstream")).value());
    }
    return out;
  }
}
