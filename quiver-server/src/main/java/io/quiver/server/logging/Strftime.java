package io.quiver.server.logging;

/**
 * Translates a chrono strftime format (as log4rs's {@code {d(...)}} takes) into a {@link
 * java.time.format.DateTimeFormatter} pattern, as logback's {@code %d} takes.
 */
final class Strftime {
  private Strftime() {}

  static String toJava(String format) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      if (i + 1 >= format.length()) {
        throw new IllegalArgumentException("the date format ends in a lone %");
      }
      String spec = String.valueOf(format.charAt(++i));
      if ((spec.equals(".") || spec.equals(":")) && i + 1 < format.length()) {
        spec += format.charAt(++i);
      }
      if (Character.isDigit(spec.charAt(spec.length() - 1)) && i + 1 < format.length()) {
        spec += format.charAt(++i);
      }
      String java = specifier(spec);
      if (java.startsWith("'")) {
        literal.append(java.substring(1));
        continue;
      }
      flush(literal, out);
      out.append(java);
    }
    flush(literal, out);
    return out.toString();
  }

  /** The Java pattern of one specifier; a leading {@code '} marks literal text. */
  private static String specifier(String spec) {
    return switch (spec) {
      case "Y" -> "yyyy";
      case "y" -> "yy";
      case "m" -> "MM";
      case "b", "h" -> "MMM";
      case "B" -> "MMMM";
      case "d" -> "dd";
      case "e" -> "ppd";
      case "a" -> "EEE";
      case "A" -> "EEEE";
      case "j" -> "DDD";
      case "H" -> "HH";
      case "k" -> "ppH";
      case "I" -> "hh";
      case "l" -> "pph";
      case "p", "P" -> "a";
      case "M" -> "mm";
      case "S" -> "ss";
      case "f", "9f" -> "SSSSSSSSS";
      case "3f" -> "SSS";
      case "6f" -> "SSSSSS";
      case ".f", ".6f" -> ".SSSSSS";
      case ".3f" -> ".SSS";
      case ".9f" -> ".SSSSSSSSS";
      case "z" -> "xx";
      case ":z" -> "xxx";
      case "Z" -> "z";
      case "T", "X" -> "HH:mm:ss";
      case "R" -> "HH:mm";
      case "F" -> "yyyy-MM-dd";
      case "D", "x" -> "MM/dd/yy";
      case "+" -> "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx";
      case "%" -> "'%";
      case "t" -> "'\t";
      case "n" -> "'\n";
      default ->
          throw new IllegalArgumentException("the date format %" + spec + " is not supported");
    };
  }

  private static void flush(StringBuilder literal, StringBuilder out) {
    if (literal.isEmpty()) {
      return;
    }
    String s = literal.toString();
    if (s.chars().allMatch(ch -> " -:./,_".indexOf(ch) >= 0)) {
      out.append(s);
    } else {
      out.append('\'').append(s.replace("'", "''")).append('\'');
    }
    literal.setLength(0);
  }
}
