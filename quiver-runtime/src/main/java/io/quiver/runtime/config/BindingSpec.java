package io.quiver.runtime.config;

import java.util.List;

/** A binding artefact: named links from one URL to several (src/config.rs {@code Binding}). */
public record BindingSpec(String id, String description, List<Link> links, Location location) {

  /** One {@code from -> to} pair as written (URLs may contain {@code {instance}}). */
  public record Link(String from, String to, Location location) {}
}
