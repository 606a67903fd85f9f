/** Control networks: time embeddings, MLPs and the score-based parameterisations of the spec §6. */
package dev.pathspace.samplers.nn;
