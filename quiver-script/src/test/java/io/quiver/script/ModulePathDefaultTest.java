package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code TREMOR_PATH}: Tremor's default when unset, nothing when blank, the entries otherwise. */
class ModulePathDefaultTest {

  @Test
  void unsetMeansTremorsDefaultKeepingOnlyDirectoriesThatExist() {
    List<String> expected =
        List.of("/usr/local/share/tremor", "/usr/share/tremor/lib").stream()
            .filter(d -> Files.isDirectory(Path.of(d)))
            .toList();
    assertThat(ModulePath.fromTremorPath(null).entries()).isEqualTo(expected);
    assertThat(ModulePath.DEFAULT_TREMOR_PATH)
        .isEqualTo("/usr/local/share/tremor:/usr/share/tremor/lib");
  }

  @Test
  void blankMeansNoEntries() {
    assertThat(ModulePath.fromTremorPath("").entries()).isEmpty();
    assertThat(ModulePath.fromTremorPath("  ").entries()).isEmpty();
  }

  @Test
  void givenEntriesAreKeptAsWrittenEvenWhenAbsent() {
    String value = String.join(File.pathSeparator, "lib", " /no/such/dir ", "", "tests/x/");
    assertThat(ModulePath.fromTremorPath(value).entries())
        .containsExactly("lib", "/no/such/dir", "tests/x/");
  }
}
