package dev.pathspace.experiments.compose;

/**
 * One component parameter as shown by {@code pathspace list}.
 *
 * @param name config key suffix ({@code <slot>.<name>})
 * @param type Java type name, e.g. {@code int} or {@code double[]}
 * @param defaultValue value of {@code Params.defaults()} (plain Java value; lists for arrays)
 * @param description the record component's {@code @Describe} text, empty if it has none
 */
public record ParamInfo(String name, String type, Object defaultValue, String description) {
  /** A parameter without a description. */
  public ParamInfo(String name, String type, Object defaultValue) {
    this(name, type, defaultValue, "");
  }
}
