package io.quiver.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class FileAccessTest {
  @TempDir Path dir;

  static void writeXz(Path file, String text) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0))) {
      xz.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Whether permissions are enforced here (they are not for root). */
  private boolean permissionsEnforced() throws IOException {
    Path probe = dir.resolve("probe");
    Files.writeString(probe, "x");
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
    boolean enforced = !Files.isReadable(probe);
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-------"));
    return enforced;
  }

  @Test
  void xzIsTheExtensionNotJustTheName() {
    assertThat(FileAccess.isXz(Path.of("in.json.xz"))).isTrue();
    assertThat(FileAccess.isXz(Path.of("dir/in.xz"))).isTrue();
    assertThat(FileAccess.isXz(Path.of(".xz"))).isFalse();
    assertThat(FileAccess.isXz(Path.of("in.json"))).isFalse();
    assertThat(FileAccess.isXz(Path.of("in.xzz"))).isFalse();
  }

  @Test
  void anXzSourceIsDecompressedAndAPlainOneReadAsItIs() throws IOException {
    Path xz = dir.resolve("in.json.xz");
    writeXz(xz, "a\nb\n");
    Path plain = dir.resolve("in.json");
    Files.writeString(plain, "c\n");
    try (InputStream in = FileAccess.openSource(xz)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    }
    try (InputStream in = FileAccess.openSource(plain)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("c\n");
    }
  }

  @Test
  void aSourceNamedXzThatIsNotXzIsRefusedNamingIt() throws IOException {
    Path fake = dir.resolve("fake.xz");
    Files.writeString(fake, "not compressed\n");
    assertThatThrownBy(() -> FileAccess.openSource(fake))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot read " + fake.toAbsolutePath() + ": not xz data");
  }

  @Test
  void aMissingSourceIsNamedWithItsResolvedPath() {
    Path missing = dir.resolve("nope.json");
    assertThat(FileAccess.sourceProblem(missing))
        .isEqualTo(
            "cannot read "
                + missing
                + ": no such file (relative paths are resolved against the directory quiver"
                + " runs in)");
    assertThat(FileAccess.readableSource().problem(Value.of(missing.toString()))).isNotNull();
    assertThatThrownBy(() -> FileAccess.openSource(missing))
        .hasMessageStartingWith("cannot read " + missing + ": no such file");
  }

  @Test
  void aDirectoryIsNeitherASourceNorATarget() {
    assertThat(FileAccess.sourceProblem(dir)).endsWith(": it is a directory, not a file");
    assertThat(FileAccess.targetProblem(dir)).endsWith(": it is a directory, not a file");
  }

  @Test
  void anUnreadableSourceIsRefused() throws IOException {
    assumeTrue(permissionsEnforced(), "permissions are not enforced for this user");
    Path secret = dir.resolve("secret.json");
    Files.writeString(secret, "{}\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("-w-------"));
    assertThat(FileAccess.sourceProblem(secret))
        .isEqualTo("cannot read " + secret + ": permission denied");
  }

  @Test
  void aTargetInAMissingDirectoryIsRefusedNamingTheDirectory() {
    Path target = dir.resolve("no/such/out.log");
    assertThat(FileAccess.writableTarget().problem(Value.of(target.toString())))
        .isEqualTo(
            "cannot create "
                + target
                + ": the directory "
                + target.getParent()
                + " does not exist (create it first; relative paths are resolved against the"
                + " directory quiver runs in)");
    assertThatThrownBy(() -> FileAccess.createTarget(target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aTargetInAReadOnlyDirectoryOrAReadOnlyFileIsRefused() throws IOException {
    assumeTrue(permissionsEnforced(), "permissions are not enforced for this user");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Path existing = Files.writeString(dir.resolve("ro.log"), "x");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
    try {
      assertThat(FileAccess.targetProblem(ro.resolve("out.log")))
          .isEqualTo(
              "cannot create "
                  + ro.resolve("out.log")
                  + ": the directory "
                  + ro
                  + " is not writable");
      assertThat(FileAccess.targetProblem(existing))
          .isEqualTo("cannot write " + existing + ": permission denied");
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void anExistingTargetIsTruncated() throws IOException {
    Path target = Files.writeString(dir.resolve("out.log"), "old content\n");
    assertThat(FileAccess.targetProblem(target)).isNull();
    try (OutputStream out = FileAccess.createTarget(target)) {
      out.write('x');
    }
    assertThat(Files.readString(target)).isEqualTo("x");
  }
}
