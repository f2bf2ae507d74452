package io.quiver.server.completion;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Fish completions written from the command model. A small function finds the subcommand being
 * typed ({@code quiver server run}) by walking the words before the cursor, skipping the value of
 * an option that takes one; every {@code complete} line is conditioned on that path, so {@code
 * quiver run} and {@code quiver server run} keep their own options. Options whose value is a file
 * ({@code Path}/{@code File}) complete files, enum-like ones their values, numbers nothing, and
 * other values files (as bash's {@code -o default} does); a command with subcommands completes
 * their names and no files.
 */
final class FishCompletion {
  /** A full stop before the next sentence's capital, not the one of "e.g. x". */
  private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z])");

  private FishCompletion() {}

  static String fish(CommandSpec root) {
    List<CommandSpec> commands = new ArrayList<>();
    collect(root, commands);
    String name = root.name();
    StringBuilder out = new StringBuilder();
    out.append("# fish completions for ").append(name).append(": `").append(name);
    out.append(" completions fish > ~/.config/fish/completions/").append(name);
    out.append(".fish`\n\n");
    out.append("set -g __").append(name).append("_commands");
    commands.stream().skip(1).forEach(c -> out.append(' ').append(quote(path(c))));
    out.append("\nset -g __").append(name).append("_value_options");
    for (CommandSpec c : commands) {
      for (OptionSpec o : visible(c)) {
        if (takesValue(o)) {
          for (String n : names(c, o)) {
            out.append(' ').append(quote(path(c) + " " + n));
          }
        }
      }
    }
    out.append("\n\n").append(helpers(name)).append('\n');
    for (CommandSpec c : commands) {
      lines(c, out);
    }
    return out.toString();
  }

  private static String helpers(String name) {
    return """
        function __NAME_command --description 'The NAME subcommand typed so far: NAME server run'
            set -l words (commandline -opc)
            set -e words[1]
            set -l path NAME
            set -l skip 0
            for word in $words
                if test $skip -eq 1
                    set skip 0
                else if contains -- "$path $word" $__NAME_commands
                    set path "$path $word"
                else if contains -- "$path $word" $__NAME_value_options
                    set skip 1
                end
            end
            echo $path
        end

        function __NAME_at --description 'Whether the NAME subcommand typed so far is $argv[1]'
            test (__NAME_command) = "$argv[1]"
        end
        """
        .replace("NAME", name);
  }

  private static void lines(CommandSpec c, StringBuilder out) {
    String prefix =
        "complete -c "
            + c.root().name()
            + " -n "
            + quote("__" + c.root().name() + "_at " + quote(path(c), '"'));
    List<CommandSpec> subs = subcommands(c).toList();
    if (!subs.isEmpty()) {
      out.append(prefix).append(" -f\n");
    }
    for (OptionSpec o : visible(c)) {
      out.append(prefix);
      for (String n : names(c, o)) {
        if (n.startsWith("--")) {
          out.append(" -l ").append(n.substring(2));
        } else if (n.length() == 2) {
          out.append(" -s ").append(n.substring(1));
        } else {
          out.append(" -o ").append(n.substring(1));
        }
      }
      out.append(" -d ").append(quote(summary(o.description())));
      if (takesValue(o)) {
        out.append(valueCompletion(o.type(), o.auxiliaryTypes(), o.completionCandidates()));
      }
      out.append('\n');
    }
    for (CommandSpec s : subs) {
      out.append(prefix).append(" -a ").append(quote(s.name()));
      out.append(" -d ").append(quote(summary(s.usageMessage().description())));
      out.append('\n');
    }
    if (subs.isEmpty()) {
      for (PositionalParamSpec p : c.positionalParameters()) {
        if (!p.hidden() && p.completionCandidates() != null) {
          out.append(prefix).append(" -f -a ").append(quote(join(p.completionCandidates())));
          out.append('\n');
        }
      }
    }
  }

  /** {@code -r -F}: files; {@code -x -a 'a b'}: one of these; {@code -x}: a number; else -r. */
  private static String valueCompletion(
      Class<?> type, Class<?>[] auxiliary, Iterable<String> candidates) {
    if (Stream.concat(Stream.of(type), Stream.of(auxiliary)).anyMatch(FishCompletion::isFile)) {
      return " -r -F";
    }
    if (candidates != null && candidates.iterator().hasNext()) {
      return " -x -a " + quote(join(candidates));
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return " -x";
    }
    return " -r";
  }

  private static boolean isFile(Class<?> type) {
    return Path.class.isAssignableFrom(type) || File.class.equals(type);
  }

  /** The option's names, and {@code --no-x} for a negatable {@code --x}. */
  static List<String> names(CommandSpec c, OptionSpec o) {
    List<String> names = new ArrayList<>(List.of(o.names()));
    c.negatedOptionsMap()
        .forEach(
            (negated, option) -> {
              if (option == o) {
                names.add(negated);
              }
            });
    return names;
  }

  private static boolean takesValue(OptionSpec o) {
    return o.arity().max() > 0;
  }

  private static List<OptionSpec> visible(CommandSpec c) {
    return c.options().stream().filter(o -> !o.hidden()).toList();
  }

  private static Stream<CommandSpec> subcommands(CommandSpec c) {
    return c.subcommands().entrySet().stream()
        .filter(e -> e.getKey().equals(e.getValue().getCommandName())) // not the aliases
        .map(e -> e.getValue().getCommandSpec())
        .filter(s -> !s.usageMessage().hidden());
  }

  private static void collect(CommandSpec c, List<CommandSpec> out) {
    out.add(c);
    subcommands(c).forEach(s -> collect(s, out));
  }

  /** {@code quiver server run}: the names from the root down. */
  private static String path(CommandSpec c) {
    return c.parent() == null ? c.name() : path(c.parent()) + " " + c.name();
  }

  /** The first sentence of a description, on one line. */
  static String summary(String[] description) {
    String text = String.join(" ", description).replace("%n", " ").replaceAll("\\s+", " ").trim();
    Matcher end = SENTENCE_END.matcher(text);
    return end.find() ? text.substring(0, end.start() + 1) : text;
  }

  private static String join(Iterable<String> values) {
    List<String> all = new ArrayList<>();
    values.forEach(all::add);
    return String.join(" ", all);
  }

  /** Fish single quotes: only {@code \} and {@code '} are escaped. */
  static String quote(String s) {
    return quote(s, '\'');
  }

  private static String quote(String s, char q) {
    String escaped = s.replace("\\", "\\\\").replace(String.valueOf(q), "\\" + q);
    if (q == '"') {
      escaped = escaped.replace("$", "\\$");
    }
    return q + escaped + q;
  }
}
