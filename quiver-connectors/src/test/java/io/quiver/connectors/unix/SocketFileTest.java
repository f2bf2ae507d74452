package io.quiver.connectors.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketFileTest {
  @TempDir Path dir;

  @Test
  void aStaleSocketFileIsRemovedAndAMissingOneIsFine() throws Exception {
    Path sock = dir.resolve("s.sock");
    SocketFile.prepare(sock);
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(sock));
    }
    assertThat(sock).exists();
    SocketFile.prepare(sock);
    assertThat(sock).doesNotExist();
  }

  @Test
  void aLiveSocketADirectoryAFileOrAMissingDirectoryIsRefused() throws Exception {
    Path sock = dir.resolve("live.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(sock));
      assertThatThrownBy(() -> SocketFile.prepare(sock))
          .hasMessage(
              "cannot listen on unix socket " + sock + ": another server is listening on it");
      assertThat(sock).exists();
    }
    Path d = Files.createDirectory(dir.resolve("d"));
    assertThatThrownBy(() -> SocketFile.prepare(d))
        .hasMessage("cannot listen on unix socket " + d + ": it is a directory");
    Path f = Files.writeString(dir.resolve("f"), "keep me");
    assertThatThrownBy(() -> SocketFile.prepare(f))
        .hasMessage("cannot listen on unix socket " + f + ": a file that is not a socket is there");
    assertThat(f).hasContent("keep me");
    Path nowhere = dir.resolve("no/such/dir/s.sock");
    assertThatThrownBy(() -> SocketFile.prepare(nowhere))
        .hasMessage(
            "cannot listen on unix socket "
                + nowhere
                + ": directory "
                + nowhere.getParent()
                + " does not exist");
  }
}
