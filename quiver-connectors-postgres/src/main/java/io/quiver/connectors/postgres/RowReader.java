package io.quiver.connectors.postgres;

import io.quiver.value.Value;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One result row as Tremor's postgres onramp makes it: a record with a field per column, {@code
 * {"fieldType": "INT8", "value": 20, "name": "user_id"}}. The column types are Tremor's: {@code
 * BOOL}, {@code CHAR}, {@code INT2}/{@code INT4}/{@code INT8} (integers), {@code JSON}/{@code
 * JSONB}/{@code NAME}/{@code TEXT}/{@code VARCHAR}/{@code UNKNOWN} (strings), {@code TIMESTAMPTZ}
 * ({@code 2020-02-10 20:02:02 +00:00}, in UTC) and {@code TIMESTAMP} ({@code 2020-02-10 20:02:02
 * UTC}); a SQL {@code NULL} is {@code null} (Tremor 0.11 cannot read one). A row with a column of
 * another type is refused with Tremor's {@code type not supported: <type>}.
 */
final class RowReader {
  private RowReader() {}

  /** A column type Tremor's intermediate representation has no field type for. */
  static final class UnsupportedType extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedType(String type) {
      super("type not supported: " + type);
    }
  }

  /** The current row of {@code rs} as a record. */
  static Value read(ResultSet rs) throws SQLException, UnsupportedType {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    Map<String, Value> row = new LinkedHashMap<>(n * 2);
    for (int i = 1; i <= n; i++) {
      String type = typeName(md.getColumnTypeName(i));
      String fieldType = type.toUpperCase(Locale.ROOT);
      Value value =
          switch (type) {
            case "bool" -> {
              boolean b = rs.getBoolean(i);
              yield rs.wasNull() ? Value.NULL : Value.of(b);
            }
            case "int2", "int4", "int8" -> {
              long l = rs.getLong(i);
              yield rs.wasNull() ? Value.NULL : Value.of(l);
            }
            case "char", "json", "jsonb", "name", "text", "unknown", "varchar" -> {
              String s = rs.getString(i);
              yield s == null ? Value.NULL : Value.of(s);
            }
            case "timestamptz" -> {
              OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
              yield t == null
                  ? Value.NULL
                  : Value.of(TremorTime.display(t.withOffsetSameInstant(ZoneOffset.UTC)));
            }
            case "timestamp" -> {
              LocalDateTime t = rs.getObject(i, LocalDateTime.class);
              yield t == null ? Value.NULL : Value.of(TremorTime.displayUtc(t));
            }
            default -> throw new UnsupportedType(type);
          };
      String name = md.getColumnLabel(i);
      row.put(
          name,
          Value.obj("fieldType", Value.of(fieldType), "value", value, "name", Value.of(name)));
    }
    return Value.obj(row);
  }

  /** The driver's type name without quotes ({@code "char"}, the one-byte type, comes quoted). */
  static String typeName(String driverName) {
    String t = driverName == null ? "" : driverName;
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.toLowerCase(Locale.ROOT);
  }
}
