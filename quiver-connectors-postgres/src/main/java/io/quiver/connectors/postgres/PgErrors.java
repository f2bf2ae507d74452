package io.quiver.connectors.postgres;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** What a driver error means for the connectors, and its text in Tremor's (rust-postgres) form. */
final class PgErrors {
  private PgErrors() {}

  /**
   * Whether {@code e} says the server is away or the connection is lost (SQL state class 08, the
   * server shutting down or starting up, or an I/O error underneath), rather than that the
   * statement or its data were wrong.
   */
  static boolean serverAway(SQLException e) {
    String state = e.getSQLState();
    if (state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"))) {
      return true;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The error as rust-postgres displays it: {@code db error: ERROR: relation "x" does not exist}
   * for the server's own errors, {@code error communicating with the server: ...} otherwise.
   */
  static String describe(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage m = p.getServerErrorMessage();
      return "db error: " + m.getSeverity() + ": " + m.getMessage();
    }
    return "error communicating with the server: " + firstLine(e.getMessage());
  }

  /** A failed connection attempt, as rust-postgres says it. */
  static String describeConnect(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      return describe(e);
    }
    return "error connecting to server: " + firstLine(e.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
