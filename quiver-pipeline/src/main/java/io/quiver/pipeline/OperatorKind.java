package io.quiver.pipeline;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import java.util.List;

/**
 * A built-in operator type with contraflow or signal behaviour ({@code qos::backpressure}, ...):
 * its Tremor name, its declared config keys, cross-key checks, and how to make instances.
 */
interface OperatorKind {

  /** The Tremor name, e.g. {@code qos::backpressure}. */
  String name();

  /** The declared keys of the operator's {@code with} parameters. */
  ConfigSpec configSpec();

  /** Problems that involve several keys (each key alone being valid); empty when fine. */
  default List<String> crossCheck(Config config) {
    return List.of();
  }

  /** Settings for one {@code create operator}, from a validated config; shared by all instances. */
  Factory settings(String nodeId, Config config);

  /** Makes operator instances for one node. */
  @FunctionalInterface
  interface Factory {
    /** A fresh instance with the pipeline-wide unique {@code uid}. */
    Operator create(long uid);
  }
}
