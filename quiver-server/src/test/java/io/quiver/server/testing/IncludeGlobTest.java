package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeGlobTest {
  @TempDir Path root;

  @Test
  void aLoneStarIsTheDirectSubfoldersOnly() throws Exception {
    Files.createDirectories(root.resolve("ws/before"));
    Files.createDirectories(root.resolve("blaster"));
    Files.writeString(root.resolve("meta.json"), "{}");

    assertThat(IncludeGlob.of("*").directories(root))
        .containsExactly(root.resolve("blaster"), root.resolve("ws"));
  }

  @Test
  void aPatternWithoutSlashMatchesNamesAtAnyDepthWithBracesAndAnyCase() throws Exception {
    Files.createDirectories(root.resolve("bench_a"));
    Files.createDirectories(root.resolve("group/Throughput-x"));
    Files.createDirectories(root.resolve("other"));

    assertThat(IncludeGlob.of("{bench,through}*").directories(root))
        .containsExactly(root.resolve("bench_a"), root.resolve("group/Throughput-x"));
  }

  @Test
  void filesAreFoundAtEveryDepthIncludingTheRoot() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("command.yml"), "");
    Files.writeString(root.resolve("a/b/COMMAND.yml"), "");
    Files.writeString(root.resolve("a/command.yaml"), "");

    assertThat(IncludeGlob.of("**/command.yml").files(root))
        .containsExactly(root.resolve("a/b/COMMAND.yml"), root.resolve("command.yml"));
  }

  @Test
  void aPatternWithSlashIsAnchoredToTheRoot() {
    IncludeGlob glob = IncludeGlob.of("a/*");
    assertThat(glob.matches(Path.of("a/x"))).isTrue();
    assertThat(glob.matches(Path.of("b/a/x"))).isFalse();
  }

  @Test
  void aMalformedGlobIsNamed() {
    assertThatThrownBy(() -> IncludeGlob.of("{a,b")).hasMessageContaining("bad glob `{a,b`");
  }
}
