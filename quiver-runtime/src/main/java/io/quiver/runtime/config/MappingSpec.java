package io.quiver.runtime.config;

import java.util.Map;

/**
 * One mapping entry: {@code /binding/<id>/<servant>: {instance: "01"}} instantiates a binding.
 *
 * @param values the placeholder values, e.g. {@code instance -> 01}
 */
public record MappingSpec(String bindingUrl, Map<String, String> values, Location location) {}
