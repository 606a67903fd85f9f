package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.ComponentInfo;
import dev.pathspace.experiments.compose.ParamInfo;
import dev.pathspace.api.registry.ComponentKind;
import java.util.List;

/** Formats the registries for {@code pathspace list}: per slot, each key, description and parameters. */
final class RegistryListing {
  private RegistryListing() {}

  static String format(List<ComponentInfo> infos) {
    StringBuilder sb = new StringBuilder();
    int keyW = 4;
    int nameW = 4;
    int typeW = 4;
    for (ComponentInfo c : infos) {
      keyW = Math.max(keyW, c.key().length());
      for (ParamInfo p : c.params()) {
        nameW = Math.max(nameW, c.kind().key().length() + 1 + p.name().length());
        typeW = Math.max(typeW, p.type().length());
      }
    }
    for (ComponentKind<?> slot : ComponentKind.ALL) {
      List<ComponentInfo> of = infos.stream().filter(c -> c.kind() == slot).toList();
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(slot.key()).append("  (").append(slot.key()).append("=<key>")
          .append(slot == ComponentKind.SCHEDULE ? "; auto = the sampler's default schedule" : "").append(")\n");
      if (of.isEmpty()) {
        sb.append("  (none registered)\n");
      }
      for (ComponentInfo c : of) {
        sb.append("  ").append(pad(c.key(), keyW)).append("  ").append(c.description()).append('\n');
        for (ParamInfo p : c.params()) {
          sb.append("  ").append(" ".repeat(keyW)).append("    ")
              .append(pad(slot.key() + "." + p.name(), nameW)).append("  ")
              .append(pad(p.type(), typeW)).append("  = ").append(value(p.defaultValue())).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String value(Object v) {
    return v instanceof String s ? s : String.valueOf(v);
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }
}
