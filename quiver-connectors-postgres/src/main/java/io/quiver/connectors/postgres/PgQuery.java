package io.quiver.connectors.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * A query with PostgreSQL's numbered parameters ({@code $1}, {@code $2}, as Tremor's onramp takes
 * it) made into JDBC's positional {@code ?} ones: {@code parameters} says which numbered parameter
 * each {@code ?} stands for (so {@code $2} before {@code $1}, or {@code $1} twice, work). Text in
 * quotes, dollar quotes and comments is left alone; a {@code ?} of the query itself (a jsonb
 * operator) is doubled so the driver keeps it.
 *
 * @param sql the query for the driver
 * @param parameters for each {@code ?}, in order, the number after the {@code $}
 */
record PgQuery(String sql, List<Integer> parameters) {

  PgQuery {
    parameters = List.copyOf(parameters);
  }

  static PgQuery of(String query) {
    StringBuilder out = new StringBuilder(query.length());
    List<Integer> params = new ArrayList<>();
    int n = query.length();
    int i = 0;
    while (i < n) {
      char c = query.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(query, i + 1, c);
        out.append(query, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && query.charAt(i + 1) == '-') {
        int end = query.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(query, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && query.charAt(i + 1) == '*') {
        int end = query.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(query, i, end);
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(query.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && Character.isDigit(query.charAt(j))) {
          j++;
        }
        params.add(Integer.parseInt(query.substring(i + 1, j)));
        out.append('?');
        i = j;
      } else if (c == '$' && dollarTag(query, i) > 0) {
        int tagEnd = dollarTag(query, i);
        String tag = query.substring(i, tagEnd);
        int close = query.indexOf(tag, tagEnd);
        int end = close < 0 ? n : close + tag.length();
        out.append(query, i, end);
        i = end;
      } else if (c == '?') {
        out.append("??");
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return new PgQuery(out.toString(), params);
  }

  /**
   * The index after the quote that closes one opened before {@code from} (doubled quotes escape).
   */
  private static int closing(String s, int from, char quote) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return s.length();
  }

  /** The end of a dollar-quote opening tag ({@code $$}, {@code $body$}) at {@code i}, or -1. */
  private static int dollarTag(String s, int i) {
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
  }
}
