package io.quiver.spi.config;

import io.quiver.value.Value;

/**
 * One configuration key, declared once: its name, type, default (or required), check and doc. The
 * same declaration validates configs and renders the reference docs.
 *
 * @param defaultValue the default, or {@code null} when the key is required or has no default
 */
public record ConfigKey(
    String name, ConfigType type, boolean required, Value defaultValue, Check check, String doc) {

  public static ConfigKey required(String name, ConfigType type, String doc) {
    return new ConfigKey(name, type, true, null, Check.none(), doc);
  }

  public static ConfigKey optional(String name, ConfigType type, Value defaultValue, String doc) {
    return new ConfigKey(name, type, false, defaultValue, Check.none(), doc);
  }

  public ConfigKey withCheck(Check newCheck) {
    return new ConfigKey(name, type, required, defaultValue, newCheck, doc);
  }
}
