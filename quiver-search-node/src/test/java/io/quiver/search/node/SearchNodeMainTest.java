package io.quiver.search.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opensearch.common.settings.Settings;

class SearchNodeMainTest {
  @Test
  void theTransportPortDefaultsToTheHttpPortPlus100() {
    SearchNodeMain.Options o = SearchNodeMain.parse(new String[] {"--port", "19200"});
    assertThat(o.port()).isEqualTo(19200);
    assertThat(o.transportPort()).isEqualTo(19300);
    assertThat(o.dir().getFileName().toString()).isEqualTo("quiver-search-19200");
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> SearchNodeMain.parse(new String[] {"--port", "0"}))
        .hasMessage("--port must be a port number, not 0");
    assertThatThrownBy(() -> SearchNodeMain.parse(new String[] {"--size", "1"}))
        .hasMessage("unknown option --size");
    assertThatThrownBy(() -> SearchNodeMain.parse(new String[] {"--dir"}))
        .hasMessage("--dir needs a value");
  }

  @Test
  void oneNodeOnLoopbackWithItsDataInDir() {
    Settings s = SearchNodeMain.settings(new SearchNodeMain.Options(9200, 9300, Path.of("/tmp/x")));
    assertThat(s.get("discovery.type")).isEqualTo("single-node");
    assertThat(s.get("network.host")).isEqualTo("127.0.0.1");
    assertThat(s.get("http.port")).isEqualTo("9200");
    assertThat(s.get("path.data")).isEqualTo(Path.of("/tmp/x/data").toString());
  }
}
