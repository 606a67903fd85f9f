package dev.pathspace.experiments.cli;

/**
 * The exit codes of {@code pathspace}; only {@link #OK} means "complete with finite results". Documented
 * in the README and {@code pathspace --help}.
 */
final class ExitCodes {
  private ExitCodes() {}

  /** The run completed and its evaluation is finite. */
  static final int OK = 0;
  /** A runtime failure (e.g. training diverged: {@code train.maxSkips} consecutive non-finite steps). */
  static final int FAILURE = 1;
  /** Invalid configuration or usage, a refused run directory, or a run that would not fit in memory. */
  static final int CONFIG = 2;
  /** {@code bench --compare}: a configuration got slower than the saved figures. */
  static final int REGRESSION = 3;
  /** The run trained, but its evaluation is non-finite (no usable log Z / ESS). */
  static final int EVAL_NON_FINITE = 4;
  /** The run did not train: more than the allowed fraction of its steps were skipped as non-finite. */
  static final int DID_NOT_TRAIN = 5;
  /** A file could not be written (disk full, read-only, I/O error); what was kept is named on stderr. */
  static final int STORAGE = 6;
  /** Stopped by SIGINT/SIGTERM after writing a checkpoint; continue with {@code run --resume DIR}. */
  static final int INTERRUPTED = 130;

  /** The help text listing every code, one line each. */
  static final String[] HELP = {
    "Exit codes:",
    "  0    complete with finite results",
    "  1    runtime failure (e.g. training diverged)",
    "  2    bad configuration/usage, refused run directory, stale export, too big",
    "  3    bench regression",
    "  4    trained, but the evaluation is non-finite",
    "  5    did not train (more than --max-skipped-fraction of steps skipped)",
    "  6    a file could not be written (disk full, I/O error)",
    "  130  SIGINT/SIGTERM: checkpoint written; continue with 'run --resume DIR'",
    "Details: docs/reliability.md"};
}
