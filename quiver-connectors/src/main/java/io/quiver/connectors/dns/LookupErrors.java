package io.quiver.connectors.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import java.net.UnknownHostException;

/**
 * The error texts of failed lookups, worded as Tremor's resolver words them: {@code no record found
 * for name: <name>. type: <TYPE> class: IN} when the name does not exist or has no such records,
 * {@code request timed out} when no server answered in time, else the cause's own message.
 */
final class LookupErrors {
  private LookupErrors() {}

  static Lookups.LookupFailure failure(String name, DnsRecordType type, Throwable cause) {
    return new Lookups.LookupFailure(text(name, type, cause), cause);
  }

  static String text(String name, DnsRecordType type, Throwable cause) {
    if (cause == null || notFound(cause)) {
      String fqdn = name.endsWith(".") ? name : name + ".";
      String typeName = RecordTypes.nameOf(type);
      return "no record found for name: "
          + fqdn
          + " type: "
          + (typeName == null ? type.name() : typeName)
          + " class: IN";
    }
    if (timedOut(cause)) {
      return "request timed out";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static boolean notFound(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof DnsErrorCauseException e) {
        return e.getCode().intValue() == 3; // NXDOMAIN
      }
      if (t instanceof DnsNameResolverTimeoutException) {
        return false;
      }
    }
    return cause instanceof UnknownHostException && !timedOut(cause);
  }

  private static boolean timedOut(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof DnsNameResolverTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
