package dev.pathspace.api.registry;

/**
 * A registry entry: the implementation class of a plug-in, its parameter record (with a static
 * {@code defaults()} factory) and a one-line description shown by {@code pathspace list}.
 *
 * @param <T> the slot interface
 * @param impl implementation with an {@code @Inject} constructor taking {@code params}
 * @param params the nested {@code Params} record type
 * @param description one line for {@code pathspace list}
 */
public record ComponentSpec<T>(
    Class<? extends T> impl, Class<? extends Record> params, String description) {}
