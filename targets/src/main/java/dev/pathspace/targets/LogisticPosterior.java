package dev.pathspace.targets;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Bayesian logistic regression posterior shared by the data-set targets: log ρ(w) = log N(w; 0, I) +
 * Σ_i log σ(y_i x_iᵀw), with the stable log σ(z) = −softplus(−z); score −w + Σ_i σ(−y_i x_iᵀw) y_i x_i.
 */
final class LogisticPosterior {
  private final double[][] signedT; // [d][n] = (y_i x_i)ᵀ
  private final double[][] signed; // [n][d]
  private final int d;

  LogisticPosterior(LogisticData data) {
    int n = data.rows();
    d = data.params();
    signed = new double[n][d];
    signedT = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        signed[i][j] = data.labels()[i] * data.features()[i][j];
        signedT[j][i] = signed[i][j];
      }
    }
  }

  private Operand<TFloating> margins(GraphContext g, Operand<TFloating> w) {
    return TfMath.matMul(g, w, TfMath.matrix(g, signedT)); // [B,n]
  }

  Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> w) {
    Ops tf = g.tf();
    Operand<TFloating> lik = TfMath.rowSum(g, TfMath.logSigmoid(g, margins(g, w)));
    Operand<TFloating> prior = TfMath.rowSum(g, Floating.view(tf.math.square(w)));
    return Floating.view(tf.math.add(
        tf.math.sub(lik, tf.math.mul(prior, g.scalar(0.5))),
        g.scalar(-0.5 * d * Math.log(2 * Math.PI))));
  }

  Operand<TFloating> score(GraphContext g, Operand<TFloating> w) {
    Ops tf = g.tf();
    Operand<TFloating> s = Floating.view(tf.math.sigmoid(tf.math.neg(margins(g, w)))); // [B,n]
    return Floating.view(tf.math.sub(TfMath.matMul(g, s, TfMath.matrix(g, signed)), w));
  }
}
