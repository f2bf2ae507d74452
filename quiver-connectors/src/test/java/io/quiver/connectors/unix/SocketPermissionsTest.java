package io.quiver.connectors.unix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class SocketPermissionsTest {

  @Test
  void octalDigitsAndLettersNameTheSamePermissions() {
    assertThat(PosixFilePermissions.toString(SocketPermissions.parse("660")))
        .isEqualTo("rw-rw----");
    assertThat(PosixFilePermissions.toString(SocketPermissions.parse("0751")))
        .isEqualTo("rwxr-x--x");
    assertThat(PosixFilePermissions.toString(SocketPermissions.parse("rw-------")))
        .isEqualTo("rw-------");
  }

  @Test
  void anythingElseIsNoPermissions() {
    assertThat(SocketPermissions.parse("888")).isNull();
    assertThat(SocketPermissions.parse("rw")).isNull();
    assertThat(SocketPermissions.parse("everyone")).isNull();
  }
}
