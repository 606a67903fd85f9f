package dev.pathspace.experiments.compose;

import dev.pathspace.experiments.config.Slot;
import java.util.List;

/**
 * One registry entry as shown by {@code pathspace list}.
 *
 * @param slot the slot
 * @param key registry key
 * @param description one-line description
 * @param params the component's parameters in declaration order
 */
public record ComponentInfo(Slot slot, String key, String description, List<ParamInfo> params) {
  /** Copies the list. */
  public ComponentInfo {
    params = List.copyOf(params);
  }
}
