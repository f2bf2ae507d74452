package io.quiver.runtime.world;

import io.quiver.runtime.ResourceType;

/** The link forms Tremor allows (src/repository/artefact.rs, {@code impl Artefact for Binding}). */
public enum LinkKind {
  ONRAMP_TO_PIPELINE,
  PIPELINE_TO_OFFRAMP,
  PIPELINE_TO_PIPELINE,
  PIPELINE_TO_ONRAMP,
  OFFRAMP_TO_PIPELINE;

  static final String FORMS =
      "links require the form of onramp -> pipeline or pipeline -> offramp or pipeline -> pipeline"
          + " or pipeline -> onramp or offramp -> pipeline";

  /**
   * When links of this kind are made within a binding instance (Tremor's activation order, 0.11.2
   * src/repository/artefact.rs): linked offramps' outputs first, then pipelines' outputs, onramps
   * last, so no event flows before its path exists.
   */
  int phase() {
    return switch (this) {
      case OFFRAMP_TO_PIPELINE -> 0;
      case PIPELINE_TO_OFFRAMP, PIPELINE_TO_PIPELINE, PIPELINE_TO_ONRAMP -> 1;
      case ONRAMP_TO_PIPELINE -> 2;
    };
  }

  /** The kind of a link between these resource types, or {@code null} when not allowed. */
  static LinkKind of(ResourceType from, ResourceType to) {
    return switch (from) {
      case ONRAMP -> to == ResourceType.PIPELINE ? ONRAMP_TO_PIPELINE : null;
      case OFFRAMP -> to == ResourceType.PIPELINE ? OFFRAMP_TO_PIPELINE : null;
      case PIPELINE ->
          switch (to) {
            case OFFRAMP -> PIPELINE_TO_OFFRAMP;
            case PIPELINE -> PIPELINE_TO_PIPELINE;
            case ONRAMP -> PIPELINE_TO_ONRAMP;
            case BINDING -> null;
          };
      case BINDING -> null;
    };
  }
}
