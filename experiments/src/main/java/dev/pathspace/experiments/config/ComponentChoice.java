package dev.pathspace.experiments.config;

import java.util.Map;

/**
 * The chosen implementation of one slot and its fully resolved parameters.
 *
 * @param type registry key
 * @param params parameter name → value, after defaults and overrides
 */
public record ComponentChoice(String type, Map<String, Object> params) {
  /** Copies the parameter map (keeps insertion order). */
  public ComponentChoice {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }
}
