package io.quiver.runtime.world;

import io.quiver.runtime.config.Location;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One mapping of a binding, resolved: the links it makes between concrete instances.
 *
 * @param key the mapping's key, e.g. {@code /binding/main/01}
 * @param bindingId the binding it instantiates, e.g. {@code main}
 * @param location where the mapping is written
 * @param links its links in activation order ({@link LinkKind#phase()}; within a phase as written)
 */
public record BindingInstance(
    InstanceKey key, String bindingId, Location location, List<ResolvedLink> links) {
  public BindingInstance {
    links = List.copyOf(links);
  }

  /** {@code /binding/main/01}. */
  public String path() {
    return key.path();
  }

  /**
   * The instances its links connect, each once, in the order they are created: for each link in
   * activation order, the target first, then the source.
   */
  public List<InstanceKey> instances() {
    Set<InstanceKey> keys = new LinkedHashSet<>();
    for (ResolvedLink l : links) {
      keys.add(InstanceKey.of(l.to()));
      keys.add(InstanceKey.of(l.from()));
    }
    return List.copyOf(keys);
  }
}
