/**
 * Crash-safe file output: every file and directory pathspace writes goes through {@link
 * dev.pathspace.experiments.storage.AtomicFiles} (temporary file, fsync, rename), so a reader only ever
 * sees the old or the complete new content.
 */
package dev.pathspace.experiments.storage;
