package dev.pathspace.experiments.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * While open, SIGINT and SIGTERM call {@code onSignal} (once) instead of killing the JVM, so the trainer
 * can write a checkpoint at the current step and stop; a second signal ends the process at once. Where the
 * JVM does not offer {@code sun.misc.Signal}, nothing is installed (the default behaviour stays).
 */
final class SignalStop implements AutoCloseable {
  private final List<Object[]> previous = new ArrayList<>();

  @SuppressWarnings("removal")
  SignalStop(Runnable onSignal) {
    for (String name : List.of("INT", "TERM")) {
      try {
        sun.misc.Signal sig = new sun.misc.Signal(name);
        boolean[] seen = {false};
        sun.misc.SignalHandler old = sun.misc.Signal.handle(sig, s -> {
          if (seen[0]) {
            Runtime.getRuntime().halt(128 + s.getNumber());
          }
          seen[0] = true;
          onSignal.run();
        });
        previous.add(new Object[] {sig, old});
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        // signal not available here (e.g. reserved by the JVM): keep the default
      }
    }
  }

  @Override
  public void close() {
    for (Object[] p : previous) {
      try {
        sun.misc.Signal.handle((sun.misc.Signal) p[0], (sun.misc.SignalHandler) p[1]);
      } catch (IllegalArgumentException e) {
        // ignore: the process is ending
      }
    }
  }
}
