package io.quiver.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help in Tremor's layout (clap's): {@code USAGE:}, {@code FLAGS:} (options without a value),
 * {@code OPTIONS:} (options with one), {@code ARGS:} and {@code SUBCOMMANDS:}, for every command.
 */
final class TremorHelpLayout {
  private TremorHelpLayout() {}

  static void apply(CommandLine cli) {
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    usage.synopsisHeading("USAGE:%n    ");
    usage.descriptionHeading("%n");
    usage.parameterListHeading("%nARGS:%n");
    usage.commandListHeading("%nSUBCOMMANDS:%n");
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, TremorHelpLayout::flagsAndOptions);
    cli.setHelpSectionMap(sections);
    for (CommandLine sub : cli.getSubcommands().values()) {
      apply(sub);
    }
  }

  private static String flagsAndOptions(Help help) {
    List<OptionSpec> flags = new ArrayList<>();
    List<OptionSpec> valued = new ArrayList<>();
    for (OptionSpec o : help.commandSpec().options()) {
      if (!o.hidden()) {
        (o.arity().max() == 0 ? flags : valued).add(o);
      }
    }
    StringBuilder out = new StringBuilder();
    section(out, "FLAGS", flags, help);
    section(out, "OPTIONS", valued, help);
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<OptionSpec> list, Help help) {
    if (list.isEmpty()) {
      return;
    }
    out.append(String.format("%n%s:%n", title))
        .append(
            help.optionListExcludingGroups(
                list,
                help.createDefaultLayout(),
                Help.createShortOptionArityAndNameComparator(),
                help.parameterLabelRenderer()));
  }
}
