package io.quiver.connectors.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The socket file's place before binding: its directory must exist; a socket file left by a server
 * that is gone is removed (Tremor removes whatever is there); a socket another server still answers
 * on, a directory or any other file is refused with a message that says so.
 */
final class SocketFile {
  private SocketFile() {}

  static void prepare(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IOException(
          "cannot listen on unix socket " + path + ": directory " + parent + " does not exist");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    BasicFileAttributes a =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isOther()) {
      throw new IOException(
          "cannot listen on unix socket "
              + path
              + ": "
              + (a.isDirectory() ? "it is a directory" : "a file that is not a socket is there"));
    }
    if (answers(path)) {
      throw new IOException(
          "cannot listen on unix socket " + path + ": another server is listening on it");
    }
    Files.delete(path);
  }

  /** Whether a server accepts connections on the socket file. */
  private static boolean answers(Path path) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
