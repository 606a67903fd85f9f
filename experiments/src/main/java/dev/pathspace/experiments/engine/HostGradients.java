package dev.pathspace.experiments.engine;

import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.family.TFloating;

/**
 * A gradient computation driven from the host over several session runs (the chunk-graph strategies):
 * it writes the gradient buffers of {@link GradientOps} and returns the loss and the requested values of
 * the loss graph.
 */
interface HostGradients {
  /**
   * Runs one training step's gradient computation.
   *
   * @param session the run's session
   * @param seed the step's train seed ({@code [runSeed, step]})
   * @param feed adds the scheduled scalars to a runner and returns the tensors to close after the run
   * @param extra further scalars of the loss graph (the divergence diagnostics) to fetch with the loss
   * @return the loss followed by the values of {@code extra}
   */
  double[] compute(Session session, long[] seed, Function<Session.Runner, List<Tensor>> feed,
      List<Operand<TFloating>> extra);
}
