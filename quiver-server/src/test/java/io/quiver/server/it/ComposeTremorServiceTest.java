package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeTremorServiceTest {
  @TempDir Path dir;

  private List<ComposeTremorService> read(String compose) throws Exception {
    Path file = dir.resolve("docker-compose.yaml");
    Files.writeString(file, compose);
    return ComposeTremorService.read(file);
  }

  @Test
  void readsTheTremorServicesWithTheirMountsAndEnvironment() throws Exception {
    List<ComposeTremorService> services =
        read(
            """
            version: "3.8"
            services:
              tremor_in:
                image: tremorproject/tremor:0.11
                environment:
                  - RUST_BACKTRACE=full
                  - CFG_DIR=/etc/tremor/conf
                volumes:
                  - ./etc/tremor_in:/etc/tremor:rw
                  - ./etc/tremor_in/data:/home/tremor/data
                  - esdata:/usr/share/elasticsearch/data
              elasticsearch:
                image: docker.elastic.co/elasticsearch/elasticsearch:7.12.1
                volumes:
                  - ./es:/usr/share/elasticsearch/data
            """);
    assertThat(services).hasSize(1);
    ComposeTremorService s = services.get(0);
    assertThat(s.name()).isEqualTo("tremor_in");
    assertThat(s.mounts()).containsOnlyKeys("/home/tremor/data", "/etc/tremor");
    assertThat(s.configDir()).isEqualTo(dir.resolve("etc/tremor_in/conf"));
    assertThat(s.loggerFile()).isEqualTo(dir.resolve("etc/tremor_in/logger.yaml"));
    assertThat(s.tremorPath()).isEqualTo("/usr/local/share/tremor");
  }

  @Test
  void rewritesContainerPathsInOnePassLongestMountFirst() throws Exception {
    ComposeTremorService s =
        read("""
                services:
                  tremor:
                    image: tremorproject/tremor:0.11
                    volumes:
                      - ./etc/tremor:/etc/tremor
                      - ./etc/tremor/data:/home/tremor/data
                      - ./var/log:/var/log
                """)
            .get(0);
    String host = dir.toString();
    assertThat(s.rewrite("source: \"/etc/tremor/data/initial.json\""))
        .isEqualTo("source: \"" + host + "/etc/tremor/data/initial.json\"");
    assertThat(s.rewrite("file: /home/tremor/data/x.json\n"))
        .isEqualTo("file: " + host + "/etc/tremor/data/x.json\n");
    assertThat(s.rewrite("path: '/var/log/out.log'"))
        .isEqualTo("path: '" + host + "/var/log/out.log'");
    assertThat(s.rewrite("url: http://x/etc/tremor/y and /var/logs/z"))
        .as("not inside another path, not a longer name")
        .isEqualTo("url: http://x/etc/tremor/y and /var/logs/z");
  }
}
