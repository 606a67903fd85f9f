package dev.pathspace.samplers.nn;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The base control network NN(t, x) of docs/math.md §6.2 (FourierMLP): h = W_in x + b_in + TE(t), then (L−1)×
 * [act, Linear(H→H)], then act and a zero-initialised Linear(H→d_out), so the network outputs 0 at
 * initialisation. The first layer is split (x·W + time row) instead of concatenating, and the time
 * embedding is evaluated once per unroll for all grid times.
 */
public final class FourierMlp {
  private final String name;
  private final int dimIn;
  private final int dimOut;
  private final NetworkParams params;
  private final Activation act;
  private final double lrScale;

  /**
   * @param name variable-name prefix (networks with the same name share weights)
   * @param dimIn state dimension d
   * @param dimOut output dimension
   * @param params network sizes
   */
  public FourierMlp(String name, int dimIn, int dimOut, NetworkParams params) {
    this(name, dimIn, dimOut, params, 1.0);
  }

  /**
   * @param name variable-name prefix (networks with the same name share weights)
   * @param dimIn state dimension d
   * @param dimOut output dimension
   * @param params network sizes
   * @param lrScale learning-rate scale shared by every variable of the network (docs/math.md §9 param groups)
   */
  public FourierMlp(String name, int dimIn, int dimOut, NetworkParams params, double lrScale) {
    this.lrScale = lrScale;
    this.name = name;
    this.dimIn = dimIn;
    this.dimOut = dimOut;
    this.params = params;
    this.act = params.activation();
  }

  /** The network bound to one unroll's time grid (left points {@code times[k]}). */
  public Bound bind(GraphContext g, double[] times) {
    return bound(g, timeEmbedding().rows(g, times));
  }

  /**
   * The network bound to fed times ({@code [n]}, e.g. the steps of one chunk graph): row k of the bound
   * network is the time t_k fed at position k.
   */
  public Bound bind(GraphContext g, Operand<TFloating> times, int n) {
    return bound(g, timeEmbedding().rows(g, times, n));
  }

  private TimeEmbedding timeEmbedding() {
    int h = params.width();
    return new TimeEmbedding(name + "/time", params.timeChannels(), h, h, act, lrScale);
  }

  private Bound bound(GraphContext g, List<Operand<TFloating>> te) {
    int h = params.width();
    Dense in = Dense.create(g, name + "/in", dimIn, h, lrScale);
    List<Operand<TFloating>> rows = new ArrayList<>(te.size());
    for (Operand<TFloating> r : te) {
      rows.add(Floating.view(g.tf().math.add(r, in.bias())));
    }
    List<Dense> hidden = new ArrayList<>();
    for (int l = 1; l < params.depth(); l++) {
      hidden.add(Dense.create(g, name + "/h" + l, h, h, lrScale));
    }
    Dense out = Dense.constant(g, name + "/out", h, dimOut, 0.0, 0.0, lrScale);
    return new Bound(in, rows, hidden, out);
  }

  /**
   * Number of trainable scalars: the time embedding C + (2C·H + H) + (H² + H), the input layer d·H + H,
   * (L−1)(H² + H) hidden and H·d_out + d_out output.
   */
  public long parameterCount() {
    long h = params.width();
    long c = params.timeChannels();
    long time = c + (2 * c * h + h) + (h * h + h);
    return time + (dimIn * h + h) + (params.depth() - 1) * (h * h + h) + (h * dimOut + dimOut);
  }

  /** Number of FLOPs of the state-path matrix products for one forward pass of a batch of size B. */
  public long forwardFlops(int batch) {
    long h = params.width();
    return 2L * batch * (dimIn * h + (params.depth() - 1) * h * h + h * dimOut);
  }

  /** The network with its time rows fixed for one unroll. */
  public final class Bound {
    private final Dense in;
    private final List<Operand<TFloating>> timeRows;
    private final List<Dense> hidden;
    private final Dense out;

    private Bound(Dense in, List<Operand<TFloating>> timeRows, List<Dense> hidden, Dense out) {
      this.in = in;
      this.timeRows = timeRows;
      this.hidden = hidden;
      this.out = out;
    }

    /** NN(t_k, x) for x {@code [B, d]}. */
    public Operand<TFloating> apply(GraphContext g, int k, Operand<TFloating> x) {
      Ops tf = g.tf();
      Operand<TFloating> h = Floating.view(tf.math.add(in.applyNoBias(g, x), timeRows.get(k)));
      for (Dense layer : hidden) {
        h = layer.apply(g, act.apply(g, h));
      }
      return out.apply(g, act.apply(g, h));
    }

    /**
     * NN(t_k, x) together with the diagonal of its Jacobian ∂NN_i/∂x_i, exactly (see {@link
     * MlpDivergence}); requires dimIn == dimOut.
     */
    public MlpDivergence.Result applyWithDivergence(GraphContext g, int k, Operand<TFloating> x) {
      if (dimIn != dimOut) {
        throw new IllegalStateException(
            "divergence needs dimIn == dimOut (got " + dimIn + " -> " + dimOut + ")");
      }
      List<Operand<TFloating>> ws = new ArrayList<>();
      List<Operand<TFloating>> bs = new ArrayList<>();
      for (Dense layer : hidden) {
        ws.add(layer.weight());
        bs.add(layer.bias());
      }
      return MlpDivergence.forward(
          g, act, x, in.weight(), timeRows.get(k), ws, bs, out.weight(), out.bias(), dimIn, params.width());
    }
  }
}
