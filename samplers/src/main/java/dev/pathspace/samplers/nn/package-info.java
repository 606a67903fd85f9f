/** Control networks: time embeddings, MLPs and the score-based parameterisations of the docs/math.md §6. */
package dev.pathspace.samplers.nn;
