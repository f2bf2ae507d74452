package io.quiver.spi.config;

import io.quiver.value.Value;

/**
 * One configuration key, declared once: its name, type, default (or required), check and doc. The
 * same declaration validates configs and renders the reference docs.
 *
 * <p>A key of type {@link ConfigType#RECORD} may declare its {@code fields} with a {@link
 * ConfigSpec} of their own ({@link #withFields}): the record is then validated field by field, its
 * problems name the fields by their dotted path ({@code tls.cert}), unknown fields are problems (a
 * typo in, say, a security setting must not be ignored silently), and the reference docs list the
 * fields.
 *
 * @param defaultValue the default, or {@code null} when the key is required or has no default
 * @param fields the declared fields of a record-valued key, or {@code null}
 */
public record ConfigKey(
    String name,
    ConfigType type,
    boolean required,
    Value defaultValue,
    Check check,
    String doc,
    ConfigSpec fields) {

  public ConfigKey {
    if (fields != null && type != ConfigType.RECORD) {
      throw new IllegalArgumentException(
          "configuration key " + name + " has fields but is not of type RECORD");
    }
  }

  /** A key without declared fields. */
  public ConfigKey(
      String name, ConfigType type, boolean required, Value defaultValue, Check check, String doc) {
    this(name, type, required, defaultValue, check, doc, null);
  }

  public static ConfigKey required(String name, ConfigType type, String doc) {
    return new ConfigKey(name, type, true, null, Check.none(), doc);
  }

  public static ConfigKey optional(String name, ConfigType type, Value defaultValue, String doc) {
    return new ConfigKey(name, type, false, defaultValue, Check.none(), doc);
  }

  public ConfigKey withCheck(Check newCheck) {
    return new ConfigKey(name, type, required, defaultValue, newCheck, doc, fields);
  }

  /** This record-valued key with its fields declared by {@code newFields}. */
  public ConfigKey withFields(ConfigSpec newFields) {
    return new ConfigKey(name, type, required, defaultValue, check, doc, newFields);
  }
}
