package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How the test runner starts Quiver itself for a case that runs in its own folder. */
class ProgramsTest {
  @Test
  void relativeClassPathEntriesBecomeAbsolute() {
    String cp = "quiver-server/target/quiver.jar" + File.pathSeparator + "/opt/lib/a.jar";
    assertThat(Programs.absolute(cp))
        .isEqualTo(
            Path.of("quiver-server/target/quiver.jar").toAbsolutePath()
                + File.pathSeparator
                + "/opt/lib/a.jar");
  }

  @Test
  void selfRunsThisJvmsClassPathFromAnyFolder() {
    String cp = Programs.self().get(2);
    for (String entry : cp.split(File.pathSeparator)) {
      assertThat(Path.of(entry).isAbsolute()).as(entry).isTrue();
    }
  }
}
