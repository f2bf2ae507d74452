package io.quiver.server;

/**
 * Netty settings the {@code quiver} command changes before any Netty class loads, each only when
 * the user has not set it (with {@code QUIVER_JAVA_OPTS="-D..."}).
 *
 * <p>Buffer leak detection is off: at Netty's default level it records a stack trace for one buffer
 * in 128, which cost about 5% of the proxy's CPU per message under load (perf profile in
 * docs/benchmarks/ws-hot-path-profile.md). Tests keep Netty's default, so leaks still fail there;
 * {@code -Dio.netty.leakDetection.level=simple} (or {@code paranoid}) turns it back on when hunting
 * one in production.
 */
final class NettyDefaults {
  static final String LEAK_DETECTION = "io.netty.leakDetection.level";
  private static final String LEGACY_LEAK_DETECTION = "io.netty.leakDetectionLevel";

  private NettyDefaults() {}

  static void apply() {
    if (System.getProperty(LEAK_DETECTION) == null
        && System.getProperty(LEGACY_LEAK_DETECTION) == null) {
      System.setProperty(LEAK_DETECTION, "disabled");
    }
  }
}
