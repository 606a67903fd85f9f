package dev.pathspace.experiments.compose;

import dev.pathspace.api.registry.ComponentKind;
import java.util.List;

/**
 * One registry entry as shown by {@code pathspace list}.
 *
 * @param kind the component kind
 * @param key registry key
 * @param description one-line description
 * @param params the component's parameters in declaration order
 */
public record ComponentInfo(ComponentKind<?> kind, String key, String description, List<ParamInfo> params) {
  /** Copies the list. */
  public ComponentInfo {
    params = List.copyOf(params);
  }
}
