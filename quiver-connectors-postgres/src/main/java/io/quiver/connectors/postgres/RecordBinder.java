package io.quiver.connectors.postgres;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.util.PGobject;

/**
 * An event for Tremor's postgres offramp: a record with one field per column, each in the onramp's
 * shape {@code {"fieldType": "INT8", "name": "user_id", "value": 12345}}, made into {@code INSERT
 * INTO <table> (<fields>) VALUES ($1, ...)} and its parameters, with Tremor's error texts.
 */
final class RecordBinder {
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private RecordBinder() {}

  /** Why an event cannot be inserted, before it reaches the server. */
  static final class BadRecord extends Exception {
    private static final long serialVersionUID = 1L;

    BadRecord(String message) {
      super(message);
    }
  }

  /** The field types Tremor's intermediate representation knows. */
  enum FieldType {
    VARCHAR,
    UNKNOWN,
    BOOL,
    CHAR,
    TEXT,
    NAME,
    INT8,
    INT2,
    INT4,
    JSON,
    JSONB,
    TIMESTAMPTZ,
    TIMESTAMP
  }

  /** One column: its Tremor field type, the record's {@code name} and the value. */
  record Column(String field, FieldType type, String name, Value value) {}

  /** An insert statement and its columns, in the event's field order. */
  record Insert(String sql, List<Column> columns) {

    /** Binds the parameters; a value that does not fit its field type is a {@link BadRecord}. */
    void bind(PreparedStatement ps) throws SQLException, BadRecord {
      for (int i = 0; i < columns.size(); i++) {
        try {
          bindOne(ps, i + 1, columns.get(i));
        } catch (BadRecord e) {
          throw new BadRecord(
              "Failure while querying: error serializing parameter " + i + ": " + e.getMessage());
        }
      }
    }
  }

  /** The insert for {@code data} into {@code table}. */
  static Insert insert(String table, Value data) throws BadRecord {
    if (!(data instanceof Value.Obj obj)) {
      throw new BadRecord(
          "event is a " + data.typeName() + ", not a record of columns: nothing to insert");
    }
    List<Column> columns = new ArrayList<>(obj.size());
    StringBuilder fields = new StringBuilder();
    StringBuilder params = new StringBuilder();
    for (Map.Entry<String, Value> e : obj.fields().entrySet()) {
      Column c;
      try {
        c = column(e.getKey(), e.getValue());
      } catch (BadRecord bad) {
        throw new BadRecord("Could not convert json to record: " + bad.getMessage());
      }
      if (!columns.isEmpty()) {
        fields.append(',');
        params.append(',');
      }
      fields.append(identifier(e.getKey()));
      params.append('?');
      columns.add(c);
    }
    String sql = "INSERT INTO " + table + " (" + fields + ") VALUES (" + params + ");";
    return new Insert(sql, List.copyOf(columns));
  }

  /** Tremor's {@code json_to_record}: the field's record to a column. */
  static Column column(String field, Value v) throws BadRecord {
    Value.Obj o = v instanceof Value.Obj obj ? obj : null;
    String fieldType = o == null ? null : text(o.get("fieldType"));
    if (fieldType == null) {
      throw new BadRecord("error getting fieldType");
    }
    FieldType type;
    try {
      type = FieldType.valueOf(fieldType);
    } catch (IllegalArgumentException unknown) {
      throw new BadRecord("intermediate representation does not support field type");
    }
    String name = text(o.get("name"));
    if (name == null) {
      throw new BadRecord("Missing field `name`");
    }
    Value value = o.get("value");
    if (value == null) {
      throw new BadRecord("Missing field `value`");
    }
    return new Column(field, type, name, value);
  }

  /**
   * A field name as a column in the SQL: plain identifiers as they are (so unquoted, folded to
   * lower case by the server, as Tremor writes them), anything else quoted.
   */
  static String identifier(String field) {
    if (PLAIN_IDENTIFIER.matcher(field).matches()) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static void bindOne(PreparedStatement ps, int i, Column c)
      throws SQLException, BadRecord {
    Value v = c.value();
    if (v instanceof Value.Null) {
      ps.setNull(i, Types.NULL);
      return;
    }
    switch (c.type()) {
      case BOOL -> {
        if (!(v instanceof Value.Bool b)) {
          throw new BadRecord("Could not serialize " + c.name() + " into bool");
        }
        ps.setBoolean(i, b.value());
      }
      case VARCHAR, TEXT, NAME -> ps.setString(i, string(v, c, "text"));
      case UNKNOWN -> ps.setObject(i, string(v, c, "text"), Types.OTHER);
      case INT2 -> {
        if (!(v instanceof Value.Int n) || n.value() != (short) n.value()) {
          throw new BadRecord("Could not serialize " + c.name() + " into i16");
        }
        ps.setShort(i, (short) n.value());
      }
      case INT4 -> {
        if (!(v instanceof Value.Int n) || n.value() != (int) n.value()) {
          throw new BadRecord("Could not serialize");
        }
        ps.setInt(i, (int) n.value());
      }
      case INT8 -> {
        if (!(v instanceof Value.Int n)) {
          throw new BadRecord("Could not serialize");
        }
        ps.setLong(i, n.value());
      }
      case JSON, JSONB -> {
        PGobject json = new PGobject();
        json.setType(c.type() == FieldType.JSON ? "json" : "jsonb");
        // a string is the JSON document itself (what the onramp reads from a json column)
        json.setValue(v instanceof Value.Str s ? s.value() : Json.write(v));
        ps.setObject(i, json);
      }
      case TIMESTAMPTZ -> ps.setObject(i, timestamp(v));
      case TIMESTAMP -> ps.setObject(i, timestamp(v).toLocalDateTime());
      case CHAR -> throw new BadRecord("Not supported type: char");
    }
  }

  private static String string(Value v, Column c, String into) throws BadRecord {
    if (!(v instanceof Value.Str s)) {
      throw new BadRecord("Could not serialize " + c.name() + " into " + into);
    }
    return s.value();
  }

  private static OffsetDateTime timestamp(Value v) throws BadRecord {
    String s = v instanceof Value.Str str ? str.value() : "";
    try {
      return TremorTime.parse(s);
    } catch (TremorTime.ParseException e) {
      throw new BadRecord("error parsing timestamptz: " + e.getMessage());
    }
  }

  private static String text(Value v) {
    return v == null ? null : v.asString();
  }
}
