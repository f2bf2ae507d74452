package io.quiver.connectors.dns;

import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.quiver.value.Value;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link DnsRequest.Lookup} on the resolver's event loop, as Tremor's resolver does: a
 * typed lookup asks for records of that type; an address lookup looks in the hosts file first, then
 * asks for A records and, when there are none, AAAA. The promise gets the records as Tremor's list
 * of {@code {"<TYPE>": text, "ttl": n}}, or fails with a {@link LookupFailure}.
 */
final class Lookups {
  /** The ttl Tremor's resolver gives hosts-file entries: one day. */
  static final long HOSTS_TTL = 86_400;

  /** A lookup that found nothing or failed, with the text Tremor's error event carries. */
  static final class LookupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    LookupFailure(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private final DnsNameResolver resolver;
  private final HostsFileEntriesResolver hosts;

  Lookups(DnsNameResolver resolver, HostsFileEntriesResolver hosts) {
    this.resolver = resolver;
    this.hosts = hosts;
  }

  /** Starts {@code lookup}; call on the resolver's loop. */
  Future<Value> run(DnsRequest.Lookup lookup, Promise<Value> result) {
    if (lookup.type() != null) {
      query(lookup.name(), lookup.type(), result, null);
      return result;
    }
    List<InetAddress> known = hostsEntries(lookup.name());
    if (!known.isEmpty()) {
      List<Value> out = new ArrayList<>(known.size());
      for (InetAddress a : known) {
        out.add(RecordValues.ofAddress(a, HOSTS_TTL));
      }
      result.setSuccess(Value.array(out));
      return result;
    }
    query(lookup.name(), DnsRecordType.A, result, DnsRecordType.AAAA);
    return result;
  }

  private List<InetAddress> hostsEntries(String name) {
    if (hosts instanceof io.netty.resolver.DefaultHostsFileEntriesResolver file) {
      List<InetAddress> all = file.addresses(name, ResolvedAddressTypes.IPV4_PREFERRED);
      if (all == null) {
        return List.of();
      }
      List<InetAddress> v4 = all.stream().filter(a -> a.getAddress().length == 4).toList();
      return v4.isEmpty() ? all : v4;
    }
    InetAddress one = hosts.address(name, ResolvedAddressTypes.IPV4_PREFERRED);
    return one == null ? List.of() : List.of(one);
  }

  /**
   * Asks the next name server for {@code type} and takes the answer section as it is (a CNAME chain
   * included, as Tremor's resolver gives it); with nothing found, asks for {@code thenType} when
   * given.
   */
  private void query(
      String name, DnsRecordType type, Promise<Value> result, DnsRecordType thenType) {
    resolver
        .query(new DefaultDnsQuestion(name, type))
        .addListener(
            f -> {
              Throwable cause = f.cause();
              Value found = null;
              if (f.isSuccess()) {
                @SuppressWarnings("unchecked")
                AddressedEnvelope<DnsResponse, InetSocketAddress> envelope =
                    (AddressedEnvelope<DnsResponse, InetSocketAddress>) f.getNow();
                try {
                  DnsResponse response = envelope.content();
                  if (response.code() == DnsResponseCode.NOERROR) {
                    found = answers(response);
                  } else if (response.code() != DnsResponseCode.NXDOMAIN) {
                    cause = new LookupFailure("server answered " + response.code(), null);
                  }
                } finally {
                  envelope.release();
                }
              }
              boolean empty = found == null || ((Value.Arr) found).size() == 0;
              if (!empty) {
                result.setSuccess(found);
              } else if (thenType != null) {
                query(name, thenType, result, null);
              } else {
                result.setFailure(LookupErrors.failure(name, type, cause));
              }
            });
  }

  /** The answer records as values. */
  private static Value answers(DnsResponse response) {
    int count = response.count(DnsSection.ANSWER);
    List<Value> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
      Value v = RecordValues.of(r);
      if (v != null) {
        out.add(v);
      }
    }
    return Value.array(out);
  }
}
