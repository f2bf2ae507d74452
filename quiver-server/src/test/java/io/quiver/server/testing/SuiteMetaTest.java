package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteMetaTest {
  @TempDir Path dir;

  @Test
  void kindAndIncludesAreRead() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("meta.json"),
            "{\"kind\":\"Bench\",\"tags\":[\"bench\"],\"includes\":\"{bench,through}*\"}");
    SuiteMeta meta = SuiteMeta.read(f);
    assertThat(meta.kind()).isEqualTo(TestMode.BENCH);
    assertThat(meta.includes()).isEqualTo("{bench,through}*");
    assertThat(meta.dir()).isEqualTo(dir);
  }

  @Test
  void badMetaJsonNamesTheFileAndTheProblem() throws Exception {
    Path f = Files.writeString(dir.resolve("meta.json"), "{\"kind\":\"Smoke\",\"includes\":\"*\"}");
    assertThatThrownBy(() -> SuiteMeta.read(f)).hasMessageContaining("unknown kind `Smoke`");
    Files.writeString(f, "{\"kind\":\"Unit\"}");
    assertThatThrownBy(() -> SuiteMeta.read(f)).hasMessageContaining("missing field `includes`");
  }
}
