package io.quiver.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code quiver -V}: Quiver's version (the Maven project version, written into {@code
 * version.properties} by the build) and the Tremor release whose deployments it runs.
 */
public final class QuiverVersion implements CommandLine.IVersionProvider {
  private static final Properties VERSIONS = load();

  /** Quiver's own version, e.g. {@code 0.1.0}. */
  public static String quiver() {
    return VERSIONS.getProperty("quiver");
  }

  /** The Tremor release Quiver is compatible with, e.g. {@code 0.11.12}. */
  public static String tremor() {
    return VERSIONS.getProperty("tremor");
  }

  /** The one line {@code -V} prints; it names tremor in lower case, as Tremor's CLI suite asks. */
  public static String line() {
    return "quiver " + quiver() + " (runs tremor " + tremor() + " deployments)";
  }

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = QuiverVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
