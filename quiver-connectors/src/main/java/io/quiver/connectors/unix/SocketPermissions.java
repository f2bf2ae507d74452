package io.quiver.connectors.unix;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** The {@code permissions} key: octal ({@code 660}, {@code 0660}) or {@code rw-rw----}. */
final class SocketPermissions {
  private static final PosixFilePermission[] BY_BIT = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  private SocketPermissions() {}

  /** The permissions {@code text} names, or null when it names none. */
  static Set<PosixFilePermission> parse(String text) {
    String t = text.trim();
    if (t.matches("0?[0-7]{3}")) {
      int bits = Integer.parseInt(t, 8);
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int i = 0; i < BY_BIT.length; i++) {
        if ((bits & (1 << i)) != 0) {
          set.add(BY_BIT[i]);
        }
      }
      return set;
    }
    try {
      return PosixFilePermissions.fromString(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
