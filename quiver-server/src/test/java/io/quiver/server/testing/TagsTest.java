package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagsTest {
  @TempDir Path base;

  @Test
  void tagsAreTheUnionOfEveryTagsJsonFromTheBaseDown() throws Exception {
    Path leaf = Files.createDirectories(base.resolve("a/b/c"));
    Files.writeString(base.resolve("tags.json"), "[\"all\"]");
    Files.writeString(base.resolve("a/tags.json"), "[\"integration\", \"x\"]");
    Files.writeString(base.resolve("a/b/tags.json"), "not json");
    Files.writeString(base.resolve("a/b/c/tags.json"), "[\"x\", \"docker\"]");

    assertThat(Tags.resolve(base, leaf).values())
        .containsExactly("all", "integration", "x", "docker");
  }

  @Test
  void aFolderOutsideTheBaseIsAnError() throws Exception {
    Path other = Files.createTempDirectory("tags-outside");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Tags.resolve(base.resolve("."), other))
          .hasMessageContaining("Unexpected error resolving tags");
    } finally {
      Files.delete(other);
    }
  }

  private static Tags tags(String... t) {
    return new Tags(Set.of(t));
  }

  @Test
  void aTestWithoutTheSystemTagIsSkipped() {
    Tags.Match m = tags("bench").matches(Set.of("integration"), Set.of(), Set.of());
    assertThat(m.runs()).isFalse();
    assertThat(m.because()).containsExactly("<system>");
  }

  @Test
  void withoutIncludesAndExcludesEverySystemTaggedTestRuns() {
    assertThat(tags("integration").matches(Set.of("integration"), Set.of(), Set.of()).runs())
        .isTrue();
  }

  @Test
  void anIncludedTagWinsOverAnExcludedOne() {
    Tags t = tags("integration", "docker", "slow");
    assertThat(t.matches(Set.of("integration"), Set.of("slow"), Set.of("docker")).runs()).isTrue();
    assertThat(t.matches(Set.of("integration"), Set.of(), Set.of("docker")).runs()).isFalse();
  }

  @Test
  void onlyIncludesSkipUntaggedTestsAndOnlyExcludesRunThem() {
    Tags plain = tags("integration");
    assertThat(plain.matches(Set.of("integration"), Set.of("docker"), Set.of()).runs()).isFalse();
    assertThat(plain.matches(Set.of("integration"), Set.of(), Set.of("docker")).runs()).isTrue();
  }

  @Test
  void joinAddsSuiteAndCaseTags() {
    assertThat(tags("command").join(List.of("cli")).join(null).values())
        .containsExactlyInAnyOrder("command", "cli");
  }
}
