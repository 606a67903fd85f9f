/** Parameter validation and description for components' {@code Params} records. */
package dev.pathspace.api.params;
