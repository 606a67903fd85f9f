package dev.pathspace.experiments.config;

import java.util.Collection;
import java.util.List;

/** Helpers for uniform configuration error messages. */
final class ConfigErrors {
  private ConfigErrors() {}

  /** The keys prefixed and sorted, formatted as {@code [a, b, c]}. */
  static String sortedKeys(String prefix, Collection<String> keys) {
    List<String> l = keys.stream().map(k -> prefix + k).sorted().toList();
    return l.toString();
  }
}
