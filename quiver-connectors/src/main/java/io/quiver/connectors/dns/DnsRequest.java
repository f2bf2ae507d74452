package io.quiver.connectors.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import io.quiver.value.Value;

/**
 * What an event asks the dns offramp, read as Tremor reads it: {@code {"lookup": "name"}} (the
 * addresses of a name) or {@code {"lookup": {"name": "name", "type": "MX"}}} (records of one type;
 * without {@code type} the addresses again). Anything else is refused with Tremor's text (its typo
 * included).
 */
sealed interface DnsRequest {
  /** A lookup of {@code name}; {@code type} null asks for its addresses (A, else AAAA). */
  record Lookup(String name, DnsRecordType type) implements DnsRequest {}

  /** A request that cannot be served, and Tremor's error text for it. */
  record Invalid(String error) implements DnsRequest {}

  static DnsRequest of(Value event) {
    Value lookup = event instanceof Value.Obj o ? o.get("lookup") : null;
    if (lookup == null) {
      return new Invalid("Invalid DNS request");
    }
    String name =
        switch (lookup) {
          case Value.Str s -> s.value();
          case Value.Obj o when o.get("name") instanceof Value.Str s -> s.value();
          default -> null;
        };
    if (name == null) {
      return new Invalid("Invaliud DNS request");
    }
    if (lookup instanceof Value.Obj o && o.get("type") instanceof Value.Str typeName) {
      DnsRecordType type = RecordTypes.named(typeName.value());
      if (type == null) {
        return new Invalid("Invalid or unsupported record type: " + typeName.value());
      }
      return new Lookup(name, type);
    }
    return new Lookup(name, null);
  }
}
