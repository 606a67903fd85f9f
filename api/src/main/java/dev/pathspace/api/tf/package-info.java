/** Concrete TensorFlow graph helpers shared by all modules: the graph context and noise sources. */
package dev.pathspace.api.tf;
