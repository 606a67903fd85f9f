package org.example.pathspace;

import dev.pathspace.api.Target;
import dev.pathspace.testkit.TargetContract;

/** The banana target passes pathspace's target contract (score, log Z by quadrature, exact samples, moments). */
class BananaTargetTest extends TargetContract {
  @Override
  protected Target create() {
    return new BananaTarget(BananaTarget.Params.defaults());
  }
}
