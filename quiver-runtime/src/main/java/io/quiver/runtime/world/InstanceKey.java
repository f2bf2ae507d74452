package io.quiver.runtime.world;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.TremorUrl;
import java.util.Objects;

/**
 * Names one instance of an artefact, e.g. {@code /onramp/ws/01}: what a deployment runs, and what
 * bindings share when two links name the same instance.
 */
public record InstanceKey(ResourceType type, String artefact, String instance) {
  public InstanceKey {
    Objects.requireNonNull(type);
    Objects.requireNonNull(artefact);
    Objects.requireNonNull(instance);
  }

  /** The instance a URL with an instance segment points into (its port is dropped). */
  public static InstanceKey of(TremorUrl url) {
    return new InstanceKey(url.type(), url.artefact(), url.instance());
  }

  /** {@code tremor://localhost/onramp/ws/01}. */
  public TremorUrl url() {
    return new TremorUrl("localhost", type, artefact, instance, null);
  }

  /** {@code /onramp/ws/01}. */
  public String path() {
    return "/" + type.word() + "/" + artefact + "/" + instance;
  }

  @Override
  public String toString() {
    return path();
  }
}
