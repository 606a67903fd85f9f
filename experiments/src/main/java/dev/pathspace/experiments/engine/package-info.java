/** The TensorFlow engine: builds one graph per run, trains with Adam, evaluates, benchmarks. */
package dev.pathspace.experiments.engine;
