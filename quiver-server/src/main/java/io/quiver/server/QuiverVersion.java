package io.quiver.server;

import picocli.CommandLine;

/** Prints the version from the jar manifest. */
public final class QuiverVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"quiver " + (v == null ? "dev" : v) + " (runs tremor 0.11 deployments)"};
  }
}
