package io.quiver.server;

import io.quiver.runtime.Registry;
import picocli.CommandLine.Command;

/** {@code quiver doc}: prints the plugin reference (Markdown) generated from the declarations. */
@Command(
    name = "doc",
    mixinStandardHelpOptions = true,
    description = "Print the reference of every onramp, offramp, codec and processor (Markdown).")
public final class DocCommand implements Runnable {
  @Override
  public void run() {
    System.out.print(ReferenceDocs.render(Registry.load()));
  }
}
