package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --plugin PATH} / {@code --plugin=PATH} options (repeatable, accepted in any position, for
 * every command), split from the rest of the command line before the command is parsed.
 *
 * @param paths the plug-in paths in the order given
 * @param rest the command line without them
 */
record PluginOptions(List<Path> paths, List<String> rest) {
  /** Splits {@code args}; a {@code --plugin} without a value is a usage error. */
  static PluginOptions parse(String[] args) {
    List<Path> paths = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--plugin")) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new ConfigException("--plugin needs a path (a jar or a directory of jars)");
        }
        paths.add(Path.of(args[++i]));
      } else if (a.startsWith("--plugin=")) {
        String p = a.substring("--plugin=".length());
        if (p.isBlank()) {
          throw new ConfigException("--plugin needs a path (a jar or a directory of jars)");
        }
        paths.add(Path.of(p));
      } else {
        rest.add(a);
      }
    }
    return new PluginOptions(List.copyOf(paths), List.copyOf(rest));
  }
}
