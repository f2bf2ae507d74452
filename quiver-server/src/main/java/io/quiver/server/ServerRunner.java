package io.quiver.server;

import io.quiver.connectors.net.EventLoops;
import io.quiver.runtime.Registry;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.world.DeploymentPlan;
import io.quiver.runtime.world.World;
import io.quiver.server.api.ApiServer;
import io.quiver.server.logging.LoggerConfigException;
import io.quiver.server.logging.LoggerConfigFile;
import io.quiver.spi.ProcessExit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a deployment for {@link ServerRunCommand} until the process is told to stop. */
final class ServerRunner {
  /** Tremor's last words when a deployment cannot start (tremor-cli/src/server.rs). */
  static final String SHUTTING_DOWN = "We are SHUTTING DOWN due to errors during initialization!";

  private ServerRunner() {}

  static int run(ServerRunCommand options) {
    return run(options, System.err);
  }

  static int run(ServerRunCommand options, PrintStream err) {
    if (options.loggerConfig != null) {
      try {
        LoggerConfigFile.apply(options.loggerConfig);
      } catch (LoggerConfigException e) {
        err.println("quiver: logger config " + e.getMessage());
        return 1;
      }
    }
    if (options.drainTimeoutMs < 0) {
      err.println(
          "quiver: invalid value "
              + options.drainTimeoutMs
              + " for --drain-timeout-ms: give 0 or more milliseconds");
      return 1;
    }
    Logger log = LoggerFactory.getLogger(ServerRunner.class);
    ApiAddress apiAddress = null;
    if (!options.noApi) {
      try {
        apiAddress = ApiAddress.parse(options.apiHost);
        if (options.storageDirectory != null) {
          Files.createDirectories(options.storageDirectory);
        }
      } catch (IllegalArgumentException | IOException e) {
        err.println("quiver: " + e.getMessage());
        return 1;
      }
    } else if (options.storageDirectory != null) {
      log.info(
          "storage directory {}: unused, as the REST API is off (-n)", options.storageDirectory);
    }
    World world;
    try {
      DeploymentPlan plan = DeploymentPlan.load(options.files, Registry.load());
      EventLoops.deploymentUses(plan.connectorTypes());
      world = World.of(plan);
      world.drainTimeout(Duration.ofMillis(options.drainTimeoutMs));
      world.start();
    } catch (DeploymentException e) {
      for (Problem p : e.problems()) {
        err.println("error: " + p);
      }
      err.println(SHUTTING_DOWN);
      err.flush();
      return 1;
    }
    ApiServer api = null;
    if (apiAddress != null) {
      try {
        api = ApiServer.forWorld(world, options.storageDirectory);
        api.start(apiAddress.host(), apiAddress.port());
        log.info("REST API listening on {}:{}", apiAddress.host(), api.port());
      } catch (InterruptedException | RuntimeException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        err.println("quiver: API Error: cannot listen on " + options.apiHost + ": " + e);
        world.stop(Duration.ofMillis(options.drainTimeoutMs));
        return 1;
      }
    }
    ApiServer apiServer = api;
    if (options.pidFile != null) {
      try {
        Files.writeString(options.pidFile, ProcessHandle.current().pid() + "\n");
      } catch (IOException e) {
        log.warn("cannot write pid file {}: {}", options.pidFile, e.getMessage());
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ProcessExit.requestedStatus()
                      .ifPresentOrElse(
                          status ->
                              log.info(
                                  "stopping (exit requested by the deployment, status {})", status),
                          () -> log.info("stopping (signal received)"));
                  if (apiServer != null) {
                    apiServer.close();
                  }
                  world.stop(Duration.ofMillis(options.drainTimeoutMs));
                  stopped.countDown();
                },
                "quiver-shutdown"));
    SupervisorWatch.fromEnvironment(log).ifPresent(watch -> watch.exitWhenGone());
    log.info("quiver is running {}; stop with Ctrl-C", describe(options));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String describe(ServerRunCommand options) {
    return options.files.stream()
        .map(Path::toString)
        .reduce((a, b) -> a + " " + b)
        .orElse("without artefacts (publish them over the REST API)");
  }
}
