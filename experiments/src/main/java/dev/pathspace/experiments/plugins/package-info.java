/** Loading researchers' own plug-in jars ({@code --plugin}, {@code PATHSPACE_PLUGINS}) and recording them. */
package dev.pathspace.experiments.plugins;
