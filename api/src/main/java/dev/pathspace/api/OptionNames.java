package dev.pathspace.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * Config names of enum options (closed option sets of component parameters): the constant's name in
 * lower case with {@code -} for {@code _} ({@code LERP} ↔ {@code lerp}), the form the config codec
 * accepts. Enums return it from {@code toString()}, so messages and listings show what users type.
 */
public final class OptionNames {
  private OptionNames() {}

  /** The config name of {@code option}. */
  public static String of(Enum<?> option) {
    return option.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The config names of every constant of {@code type}, e.g. {@code [lerp, score, network]}. */
  public static String list(Class<? extends Enum<?>> type) {
    return Arrays.toString(Arrays.stream(type.getEnumConstants()).map(OptionNames::of).toArray());
  }

  /**
   * The constant of {@code type} named {@code value} (case-insensitive), failing with a message naming
   * {@code param}, the value and the valid options.
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String param, String value) {
    for (E e : type.getEnumConstants()) {
      if (value != null && of(e).equalsIgnoreCase(value.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        param + " must be one of " + list(type) + " (got '" + value + "')");
  }
}
