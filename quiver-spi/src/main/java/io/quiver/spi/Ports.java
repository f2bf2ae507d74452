package io.quiver.spi;

/** Tremor's well-known port names (src/url.rs, {@code ports}). */
public final class Ports {
  public static final String IN = "in";
  public static final String OUT = "out";
  public static final String ERR = "err";
  public static final String METRICS = "metrics";

  private Ports() {}
}
