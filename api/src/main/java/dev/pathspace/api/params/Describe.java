package dev.pathspace.api.params;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line description of a {@code Params} record component, shown by {@code pathspace list} next to the
 * parameter's name, type and default: {@code record Params(@Describe("Huber threshold δ") double delta)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Describe {
  /** The description (one line, no trailing period needed). */
  String value();
}
