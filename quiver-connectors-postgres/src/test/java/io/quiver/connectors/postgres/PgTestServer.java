package io.quiver.connectors.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the ITs: Debian's binaries ({@code /usr/lib/postgresql/N/bin},
 * installed by {@code .ci/run}), a cluster made by {@code initdb} in a temporary directory,
 * listening on 127.0.0.1 on a free port, trust authentication, no fsync. PostgreSQL refuses to run
 * as root, so when the tests run as root the cluster belongs to the {@code postgres} user and every
 * command runs through {@code runuser}. {@link #stop()} and {@link #start()} take the server away
 * and bring it back on the same port and data; {@link #close()} removes everything.
 */
final class PgTestServer implements AutoCloseable {
  static final String USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asRoot;

  private PgTestServer(Path bin, Path dir, int port, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** The newest installed server's binaries, or null when there is none. */
  static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElse(null);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** Makes a new cluster and starts it. */
  static PgTestServer create() throws Exception {
    Path bin = binaries();
    if (bin == null) {
      throw new IllegalStateException(
          "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql; .ci/run"
              + " does)");
    }
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("quiver-pg-");
    Path data = dir.resolve("data");
    if (asRoot) {
      UserPrincipal pg =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
      Files.setOwner(dir, pg);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    PgTestServer server = new PgTestServer(bin, dir, freePort(), asRoot);
    server.run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync"));
    server.start();
    return server;
  }

  /** Starts the server (again) and waits until it takes connections. */
  void start() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "start"));
  }

  /** Stops the server (fast shutdown: open connections are ended) and waits until it is gone. */
  void stop() throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-w",
            "-m",
            "fast",
            "stop"));
  }

  int port() {
    return port;
  }

  /** A connection to {@code db} as the superuser. */
  Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + db, USER, "unused");
  }

  /** Runs each statement in {@code db}, autocommitted. */
  void sql(String db, String... statements) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    Path out = Files.createTempFile("quiver-pg-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(full)
              .directory(Path.of("/").toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", full) + ": no end within 60 s");
      }
      if (p.exitValue() != 0) {
        String log = Files.readString(out);
        Path serverLog = dir.resolve("server.log");
        if (Files.isReadable(serverLog)) {
          log += "\n--- server.log\n" + Files.readString(serverLog);
        }
        throw new IOException(String.join(" ", full) + " failed (" + p.exitValue() + "):\n" + log);
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-w",
              "-m",
              "immediate",
              "stop"));
    } catch (IOException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
