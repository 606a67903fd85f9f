package dev.pathspace.targets;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers the targets of this module in the target registry (docs/math.md §7). No I/O, no TF. */
public final class TargetsModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.targets(binder())
        .add("gaussian", GaussianTarget.class, GaussianTarget.Params.class,
            "Gaussian N(loc, scale^2 I or full covariance) times Z; default 1-D N(3,1)")
        .add("gmm", GmmTarget.class, GmmTarget.Params.class,
            "Gaussian mixture (grid 9 modes, circle 8, fab40, random); default 2-D grid")
        .add("funnel", FunnelTarget.class, FunnelTarget.Params.class,
            "Neal's funnel, x0 ~ N(0, variance), x_i ~ N(0, e^x0); default d=10")
        .add("double-well", DoubleWellTarget.class, DoubleWellTarget.Params.class,
            "shifted double well exp(-((x-s)^2-delta)^2) per dim; default d=1, delta=2, s=1.5")
        .add("many-well", ManyWellTarget.class, ManyWellTarget.Params.class,
            "m double wells + Gaussian coordinates (2^m modes); default d=5, m=5, delta=4")
        .add("rings", RingsTarget.class, RingsTarget.Params.class,
            "three concentric rings (radii 1, 3, 5) in 2-D")
        .add("rosenbrock", RosenbrockTarget.class, RosenbrockTarget.Params.class,
            "Rosenbrock density, flatness 10, scale 1e5; no log Z")
        .add("logistic-ionosphere", IonosphereLogisticTarget.class, IonosphereLogisticTarget.Params.class,
            "Bayesian logistic regression on Ionosphere (d=35)")
        .add("logistic-sonar", SonarLogisticTarget.class, SonarLogisticTarget.Params.class,
            "Bayesian logistic regression on Sonar (d=61)")
        .add("lgcp", LgcpTarget.class, LgcpTarget.Params.class,
            "log-Gaussian Cox process on the Finnish pines, 40x40 grid (d=1600)");
  }
}
