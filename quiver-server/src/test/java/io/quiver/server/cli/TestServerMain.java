package io.quiver.server.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A stand-in server process for the {@link Supervisor} tests, run as {@code java -cp <test class
 * path> io.quiver.server.cli.TestServerMain MODE [PORT]}:
 *
 * <ul>
 *   <li>{@code listen PORT}: says so on stdout and stderr, accepts connections on 127.0.0.1:PORT
 *       until stopped, then says {@code stopping}.
 *   <li>{@code idle}: runs until stopped, listening nowhere.
 *   <li>{@code fail}: complains on stderr and exits with 3 at once.
 * </ul>
 */
public final class TestServerMain {
  private TestServerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    switch (args[0]) {
      case "fail" -> {
        System.err.println("config error: bad things");
        System.exit(3);
      }
      case "idle" -> {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopping")));
        System.out.println("idling");
        Thread.currentThread().join();
      }
      case "listen" -> {
        int port = Integer.parseInt(args[1]);
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
          Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopping")));
          System.out.println("listening on " + port);
          System.err.println("a note on stderr");
          while (true) {
            try (Socket s = server.accept()) {
              // a port probe: nothing to say
            }
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
