"""Oracle values for ReferenceDefinitionsTest (docs/math.md §8).

Writes reference-fixture.csv (fixed samples and log-RNDs) and prints each metric computed with NumPy/SciPy
directly from the definitions in juliusberner/sde_sampler:
  - eval/sinkhorn.py (Sinkhorn.compute, p = 2, eps = 1e-3, max_iters = 100, stop_thresh = 1e-5,
    uniform weights, distance = sum of P * M);
  - losses/oc.py BaseOCLoss.compute_results (log_norm_const_lb / _lb_ito = mean(-rnd),
    log_norm_const_is = log(mean(exp(-rnd - max))) + max, eval/lv_loss = unbiased var(rnd));
  - eval/metrics.py get_metrics (ESS = (sum w)^2 / sum w^2 with the unnormalised weights exp(-rnd - max),
    norm ESS = ESS / M, error/avg_marginal_stddev = mean_j |std_j(samples, unbiased) - stddev_j|).
Run: python3 reference_metrics.py  (NumPy >= 1.17, SciPy). The test hard-codes the printed values.
"""
import numpy as np
from scipy.special import logsumexp

rng = np.random.default_rng(20261202)
n = 400
means = np.array([(a, b) for a in (-5.0, 0.0, 5.0) for b in (-5.0, 0.0, 5.0)])
# "model" samples: a slightly too wide mixture with uneven weights; ground truth: the 9-mode grid GMM
k = rng.choice(9, size=n, p=np.arange(1, 10) / 45.0)
x = means[k] + 0.65 * rng.standard_normal((n, 2))
y = means[rng.integers(0, 9, n)] + np.sqrt(0.3) * rng.standard_normal((n, 2))
rnd_no_ito = 0.1 + 0.5 * rng.standard_normal(n)
rnd = rnd_no_ito + 0.3 * rng.standard_normal(n)

with open("reference-fixture.csv", "w") as f:
    f.write("x0,x1,y0,y1,rnd,rnd_no_ito\n")
    for i in range(n):
        f.write(",".join(repr(float(v)) for v in (x[i, 0], x[i, 1], y[i, 0], y[i, 1], rnd[i], rnd_no_ito[i])) + "\n")


def sinkhorn(x, y, eps=1e-3, max_iters=100, stop_thresh=1e-5):
    M = np.sqrt(((x[:, None, :] - y[None, :, :]) ** 2).sum(-1))
    w_x = np.ones(len(x)) / len(x)
    w_y = np.ones(len(y)) / len(y)
    log_a, log_b = np.log(w_x), np.log(w_y)
    u = np.zeros_like(w_x)
    v = eps * np.log(w_y)
    for _ in range(max_iters):
        u_prev, v_prev = u, v
        u = eps * (log_a - logsumexp((-M + v[None, :]) / eps, axis=1))
        v = eps * (log_b - logsumexp((-M + u[:, None]) / eps, axis=0))
        if np.abs(u_prev - u).max() < stop_thresh and np.abs(v_prev - v).max() < stop_thresh:
            break
    P = np.exp((-M + u[:, None] + v[None, :]) / eps)
    return (P * M).sum()


neg = -rnd
m = neg.max()
w = np.exp(neg - m)
ess = w.sum() ** 2 / (w ** 2).sum()
true_std = np.full(2, np.sqrt(0.3 + 50.0 / 3.0))
print("sinkhorn", repr(float(sinkhorn(x, y))))
print("log_norm_const_lb", repr(float((-rnd_no_ito).mean())))
print("log_norm_const_lb_ito", repr(float(neg.mean())))
print("log_norm_const_is", repr(float(np.log(w.mean()) + m)))
print("lv_loss", repr(float(rnd.var(ddof=1))))
print("effective_sample_size", repr(float(ess)))
print("norm_effective_sample_size", repr(float(ess / n)))
print("avg_marginal_stddev", repr(float(np.abs(x.std(axis=0, ddof=1) - true_std).mean())))
