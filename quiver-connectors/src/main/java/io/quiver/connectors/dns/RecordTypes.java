package io.quiver.connectors.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record types a lookup may name: exactly Tremor 0.11's list (its resolver's names), each with
 * its number on the wire. Names are case-sensitive, as in Tremor.
 */
final class RecordTypes {
  private static final Map<String, Integer> CODES = new LinkedHashMap<>();

  static {
    CODES.put("A", 1);
    CODES.put("AAAA", 28);
    CODES.put("ANAME", 65_305); // the draft's private-use number, as Tremor's resolver uses
    CODES.put("ANY", 255);
    CODES.put("AXFR", 252);
    CODES.put("CAA", 257);
    CODES.put("CNAME", 5);
    CODES.put("HINFO", 13);
    CODES.put("HTTPS", 65);
    CODES.put("IXFR", 251);
    CODES.put("MX", 15);
    CODES.put("NAPTR", 35);
    CODES.put("NS", 2);
    CODES.put("NULL", 10);
    CODES.put("OPENPGPKEY", 61);
    CODES.put("OPT", 41);
    CODES.put("PTR", 12);
    CODES.put("SOA", 6);
    CODES.put("SRV", 33);
    CODES.put("SSHFP", 44);
    CODES.put("SVCB", 64);
    CODES.put("TLSA", 52);
    CODES.put("TXT", 16);
    CODES.put("ZERO", 0);
  }

  private RecordTypes() {}

  /** The type {@code name} names, or null when Tremor does not know it. */
  static DnsRecordType named(String name) {
    Integer code = CODES.get(name);
    return code == null ? null : DnsRecordType.valueOf(code);
  }

  /** Tremor's name of a type, or null for one outside its list. */
  static String nameOf(DnsRecordType type) {
    for (Map.Entry<String, Integer> e : CODES.entrySet()) {
      if (e.getValue() == type.intValue()) {
        return e.getKey();
      }
    }
    return null;
  }
}
