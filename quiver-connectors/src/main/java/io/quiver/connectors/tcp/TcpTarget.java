package io.quiver.connectors.tcp;

/** Where a tcp offramp connects, and how. */
record TcpTarget(String host, int port, boolean noDelay) {
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
