package dev.pathspace.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pathspace.api.ConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts parameter records ({@code Params}, {@link TrainSettings}, …) to ordered maps of plain values
 * and back, one component at a time so that every failure names the config key, the bad value and the
 * expected type. Record construction goes through the canonical constructor, so the record's own
 * validation runs; its {@link IllegalArgumentException}s become {@link ConfigException}s.
 */
public final class RecordCodec {
  private final ObjectMapper mapper = new ObjectMapper();

  /** The record's components in declaration order, values as plain Java (lists for arrays). */
  public Map<String, Object> toMap(Record record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(record);
        out.put(c.getName(), plain(v));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
      }
    }
    return out;
  }

  /** The defaults of a component's params record (its static {@code defaults()}). */
  public Record defaults(Class<? extends Record> type) {
    try {
      var m = type.getMethod("defaults");
      return type.cast(m.invoke(null));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(type.getName() + ".defaults() failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " needs a public static defaults()", e);
    }
  }

  /** The component names of a record type, in declaration order. */
  public static List<String> names(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /**
   * Builds a {@code type} record from {@code values} (JsonNodes or plain values), which must hold every
   * component.
   *
   * @param keyPrefix prefix of config keys in messages, e.g. {@code "train."}
   * @param errorPrefix prefix of record validation messages, e.g. {@code "target: "}
   */
  public <R extends Record> R toRecord(
      Class<R> type, Map<String, ?> values, String keyPrefix, String errorPrefix) {
    RecordComponent[] comps = type.getRecordComponents();
    Set<String> known = Set.copyOf(names(type));
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new ConfigException(
            "Unknown key '" + keyPrefix + k + "'; valid keys: " + ConfigErrors.sortedKeys(keyPrefix, known)
                + ConfigErrors.didYouMean(keyPrefix + k, known.stream().map(n -> keyPrefix + n).toList()));
      }
    }
    Object[] args = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      RecordComponent c = comps[i];
      types[i] = c.getType();
      if (!values.containsKey(c.getName())) {
        throw new IllegalStateException("no value for " + keyPrefix + c.getName());
      }
      args[i] = convert(values.get(c.getName()), c.getGenericType(), keyPrefix + c.getName());
    }
    try {
      Constructor<R> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        throw ce;
      }
      if (cause instanceof IllegalArgumentException) {
        throw new ConfigException(errorPrefix + cause.getMessage());
      }
      throw new IllegalStateException("constructing " + type.getName() + " failed", cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  /** Converts one value to {@code type}, failing with a message naming {@code key}. */
  public Object convert(Object value, Type type, String key) {
    JsonNode n = value instanceof JsonNode j ? j : mapper.valueToTree(value);
    if (n == null || n.isMissingNode()) {
      n = TextNode.valueOf("");
    }
    Class<?> raw = rawClass(type);
    Object out;
    if (raw == int.class || raw == Integer.class) {
      Long l = integral(n);
      out = l != null && l == l.intValue() ? Integer.valueOf(l.intValue()) : null;
    } else if (raw == long.class || raw == Long.class) {
      out = integral(n);
    } else if (raw == double.class || raw == Double.class) {
      out = number(n);
    } else if (raw == float.class || raw == Float.class) {
      Double d = number(n);
      out = d == null ? null : Float.valueOf(d.floatValue());
    } else if (raw == boolean.class || raw == Boolean.class) {
      out = bool(n);
    } else if (raw == String.class) {
      out = n.isValueNode() && !n.isNull() ? n.asText() : null;
    } else if (raw.isEnum()) {
      out = enumValue(raw, n);
    } else {
      try {
        out = n.isNull() ? null : mapper.convertValue(n, mapper.constructType(type));
      } catch (IllegalArgumentException e) {
        out = null;
      }
    }
    if (out == null) {
      throw new ConfigException(
          "Invalid value '" + show(n) + "' for " + key + ": expected " + describe(type));
    }
    return out;
  }

  /** A short human description of a parameter type ("an integer", "a list of numbers", …). */
  public static String describe(Type type) {
    Class<?> raw = rawClass(type);
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "an integer";
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return "a number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "a boolean (true/false)";
    }
    if (raw == String.class) {
      return "a string";
    }
    if (raw.isEnum()) {
      return "one of " + Arrays.toString(raw.getEnumConstants());
    }
    if (raw.isArray()) {
      return "a list of " + plural(raw.getComponentType());
    }
    if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
      return "a list of " + plural(rawClass(p.getActualTypeArguments()[0]));
    }
    return "a " + raw.getSimpleName();
  }

  /** A short type name for listings ({@code int}, {@code double[]}, {@code List<Double>}, …). */
  public static String typeName(Type type) {
    Class<?> raw = rawClass(type);
    if (raw.isEnum()) {
      return String.join("|", Arrays.stream(raw.getEnumConstants()).map(String::valueOf).toList());
    }
    return type.getTypeName().replaceAll("[a-zA-Z_$0-9]+\\.", "");
  }

  private static String plural(Class<?> c) {
    String d = describe(c);
    return switch (d) {
      case "an integer" -> "integers";
      case "a number" -> "numbers";
      case "a string" -> "strings";
      case "a boolean (true/false)" -> "booleans";
      default -> d.replaceFirst("^an? ", "") + "s";
    };
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static String show(JsonNode n) {
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static Long integral(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? n.longValue() : null;
    }
    Double d = n.isFloatingPointNumber() ? Double.valueOf(n.doubleValue()) : null;
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.asText().trim().replace("_", ""));
      } catch (NumberFormatException e) {
        d = parseDouble(n.asText());
      }
    }
    if (d != null && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return d.longValue();
    }
    return null;
  }

  private static Double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return n.isTextual() ? parseDouble(n.asText()) : null;
  }

  private static Double parseDouble(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case ".inf", "+.inf", "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case ".nan", "nan":
        return Double.NaN;
      default:
        break;
    }
    if (!t.matches("[-+]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?")) {
      return null;
    }
    return Double.parseDouble(t.replace("_", ""));
  }

  private static Boolean bool(JsonNode n) {
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      String t = n.asText().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Boolean.valueOf(t);
      }
    }
    return null;
  }

  private static Object enumValue(Class<?> raw, JsonNode n) {
    if (!n.isTextual()) {
      return null;
    }
    String t = n.asText().trim().replace('-', '_');
    for (Object c : raw.getEnumConstants()) {
      if (((Enum<?>) c).name().equalsIgnoreCase(t)) {
        return c;
      }
    }
    return null;
  }

  private Object plain(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
        || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof Float f) {
      return Double.valueOf(Float.toString(f));
    }
    if (v instanceof Enum<?> e) {
      return e.toString(); // the config name (enums of plug-ins return api OptionNames.of; default: name())
    }
    return mapper.convertValue(v, Object.class);
  }
}
