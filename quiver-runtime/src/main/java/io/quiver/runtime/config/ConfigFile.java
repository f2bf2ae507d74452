package io.quiver.runtime.config;

import java.util.List;

/** The artefacts one YAML file declares, in file order. */
public record ConfigFile(
    String name,
    List<RampSpec> onramps,
    List<RampSpec> offramps,
    List<BindingSpec> bindings,
    List<MappingSpec> mappings) {}
