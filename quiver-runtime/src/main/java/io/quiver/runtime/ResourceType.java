package io.quiver.runtime;

/** The kinds of artefacts a Tremor URL can name (src/url.rs, {@code ResourceType}). */
public enum ResourceType {
  ONRAMP("onramp"),
  OFFRAMP("offramp"),
  PIPELINE("pipeline"),
  BINDING("binding");

  private final String word;

  ResourceType(String word) {
    this.word = word;
  }

  /** The URL path segment: {@code onramp}, {@code offramp}, ... */
  public String word() {
    return word;
  }

  /** The type for a URL segment, or {@code null}. */
  public static ResourceType of(String word) {
    for (ResourceType t : values()) {
      if (t.word.equals(word)) {
        return t;
      }
    }
    return null;
  }
}
