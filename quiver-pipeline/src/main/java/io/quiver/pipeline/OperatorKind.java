package io.quiver.pipeline;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import java.util.List;

/**
 * A built-in operator type ({@code qos::backpressure}, {@code generic::counter}, ...): its Tremor
 * name, its declared config keys, cross-key checks, and how to make instances. Every kind is listed
 * once, in {@link OperatorRegistry}.
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

  /**
   * A kind without cross-key checks: {@code settings} turns the node id and validated config into
   * the instance factory.
   */
  static OperatorKind of(
      String name,
      ConfigSpec configSpec,
      java.util.function.BiFunction<String, Config, Factory> settings) {
    return new Simple(name, configSpec, settings);
  }

  /** The kind made by {@link #of}. */
  record Simple(
      String name,
      ConfigSpec configSpec,
      java.util.function.BiFunction<String, Config, Factory> settingsFn)
      implements OperatorKind {
    @Override
    public Factory settings(String nodeId, Config config) {
      return settingsFn.apply(nodeId, config);
    }
  }

  /** Makes operator instances for one node. */
  @FunctionalInterface
  interface Factory {
    /** A fresh instance with the pipeline-wide unique {@code uid}. */
    Operator create(long uid);
  }
}
