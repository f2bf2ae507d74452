package io.quiver.server;

/** Runs a deployment for {@link ServerRunCommand}. */
final class ServerRunner {
  private ServerRunner() {}

  static int run(ServerRunCommand options) {
    throw new UnsupportedOperationException("TODO: server run");
  }
}
