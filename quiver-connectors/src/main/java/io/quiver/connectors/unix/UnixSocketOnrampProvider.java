package io.quiver.connectors.unix;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The unix-socket onramp ({@code type: unix-socket}, Tremor 0.11's {@code path},
 * src/source/unix_socket.rs): a server on a unix domain socket whose every connection is a stream
 * of bytes through the preprocessors and codec.
 */
public final class UnixSocketOnrampProvider implements SourceProvider {
  public static final String NAME = "unix-socket";

  static final String PATH = "path";
  static final String PERMISSIONS = "permissions";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  PATH,
                  ConfigType.STRING,
                  "The socket file to listen on. A stale socket file there is replaced, as Tremor"
                      + " does; a live one (another server answers on it), a directory or any other"
                      + " file is refused at start.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  PERMISSIONS,
                  ConfigType.STRING,
                  null,
                  "Quiver only: the socket file's permissions, as octal digits (`660`) or `ls`"
                      + " letters (`rw-rw----`); who may connect. Default: as the process's umask"
                      + " leaves them.")
              .withCheck(UnixSocketOnrampProvider::permissionsProblem));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    Set<PosixFilePermission> permissions =
        config.has(PERMISSIONS) ? SocketPermissions.parse(config.string(PERMISSIONS)) : null;
    return new UnixSocketOnramp(artefact, Path.of(config.string(PATH)), permissions);
  }

  private static String permissionsProblem(Value v) {
    return v instanceof Value.Str s && SocketPermissions.parse(s.value()) == null
        ? "expected octal digits such as 660 or letters such as rw-rw----"
        : null;
  }
}
