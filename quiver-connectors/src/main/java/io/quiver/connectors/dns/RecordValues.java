package io.quiver.connectors.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.util.NetUtil;
import io.quiver.value.Value;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * One answer record as Tremor's dns offramp shows it: {@code {"<TYPE>": "<data as text>", "ttl":
 * <seconds>}}, the text as Tremor's resolver prints the record data (an address; a name with its
 * trailing dot; {@code "10 mail.example.com."} for MX; {@code "<priority> <weight> <port>
 * <target>"} for SRV; the SOA fields in order; TXT strings joined). Types without such a form here
 * (CAA, HTTPS, NAPTR, NULL, OPENPGPKEY, SSHFP, SVCB, TLSA) show their data as lowercase hex; OPT,
 * ZERO and types Tremor does not know are left out, as Tremor leaves them out.
 */
final class RecordValues {
  private RecordValues() {}

  /** The record as a value, or null when Tremor leaves it out. */
  static Value of(DnsRecord record) {
    String type = RecordTypes.nameOf(record.type());
    if (type == null || type.equals("OPT") || type.equals("ZERO")) {
      return null;
    }
    String text;
    if (record instanceof DnsPtrRecord ptr) {
      text = ptr.hostname();
    } else if (record instanceof DnsRawRecord raw) {
      text = text(record.type(), raw.content().duplicate());
    } else {
      return null;
    }
    if (text == null) {
      return null;
    }
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    fields.put(type, Value.of(text));
    fields.put("ttl", Value.of(record.timeToLive()));
    return Value.obj(fields);
  }

  /** A value for an address from the hosts file (Tremor's resolver gives those a day's ttl). */
  static Value ofAddress(InetAddress address, long ttl) {
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    fields.put(address.getAddress().length == 4 ? "A" : "AAAA", Value.of(address(address)));
    fields.put("ttl", Value.of(ttl));
    return Value.obj(fields);
  }

  private static String text(DnsRecordType type, ByteBuf data) {
    try {
      return switch (type.intValue()) {
        case 1, 28 -> address(InetAddress.getByAddress(ByteBufUtil.getBytes(data)));
        case 2, 5, 12, 65_305 -> DefaultDnsRecordDecoder.decodeName(data);
        case 15 -> data.readUnsignedShort() + " " + DefaultDnsRecordDecoder.decodeName(data);
        case 33 ->
            data.readUnsignedShort()
                + " "
                + data.readUnsignedShort()
                + " "
                + data.readUnsignedShort()
                + " "
                + DefaultDnsRecordDecoder.decodeName(data);
        case 6 -> soa(data);
        case 16 -> characterStrings(data, "");
        case 13 -> characterStrings(data, " ");
        default -> ByteBufUtil.hexDump(data);
      };
    } catch (RuntimeException | UnknownHostException malformed) {
      return null; // a record whose data does not parse is left out
    }
  }

  private static String soa(ByteBuf data) {
    String mname = DefaultDnsRecordDecoder.decodeName(data);
    String rname = DefaultDnsRecordDecoder.decodeName(data);
    StringBuilder out = new StringBuilder(mname).append(' ').append(rname);
    for (int i = 0; i < 5; i++) {
      out.append(' ').append(data.readUnsignedInt());
    }
    return out.toString();
  }

  /** Length-prefixed strings, joined with {@code separator}. */
  private static String characterStrings(ByteBuf data, String separator) {
    StringBuilder out = new StringBuilder();
    while (data.isReadable()) {
      int length = data.readUnsignedByte();
      if (!out.isEmpty()) {
        out.append(separator);
      }
      out.append(data.readCharSequence(length, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** An address as Tremor prints it: dotted quad, or the compressed IPv6 form. */
  private static String address(InetAddress address) {
    return NetUtil.toAddressString(address);
  }
}
