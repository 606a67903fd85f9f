#!/usr/bin/env bash
# End-to-end test of examples/slurm/sweep.sbatch on a running Slurm cluster (examples/slurm/local-cluster.sh
# up; run through `local-cluster.sh test`, which sets SLURM_CONF). It
#   1. submits the shipped sweep.sbatch as a 4-task array over a 2 x 2 grid (train.lr x seed; the lr=1e6
#      points diverge, train.maxSkips=2) and the shipped collect.sbatch with --dependency=afterany;
#   2. requeues task 0 (`scontrol requeue`) while it trains, after its first checkpoints;
#   3. checks: tasks 0 and 1 COMPLETED, 2 and 3 FAILED (non-zero exit, "training diverged"); task 0 restarted once
#      and its point resumed from a checkpoint (summary.json resumed_from_step >= 200, the log's "resumed from
#      checkpoint", provenance.json's resume, metrics.csv steps 50..N once each); every point finished at
#      most once (one headline line in all logs); collect COMPLETED and its results.md has the 2-seed row
#      and lists both diverged points as failed.
# Prints the sacct table of the array and the collected table. Exit code 0 only if every check passed.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DIR="${PATHSPACE_SLURM_DIR:-${TMPDIR:-/tmp}/pathspace-slurm}"
: "${SLURM_CONF:?run through examples/slurm/local-cluster.sh test}"
export SLURM_CONF
DEADLINE=$((SECONDS + ${PATHSPACE_SLURM_TEST_TIMEOUT:-900}))
STEPS=1500 # ~10-20 s of training on a shared 2-core machine: long enough to requeue mid-training
CKPT=100

failures=0
log() { echo "slurm-test: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@"; then
    echo "  ok    $what"
  else
    echo "  FAIL  $what"
    failures=$((failures + 1))
  fi
}
die() { echo "slurm-test: ERROR: $*" >&2; exit 1; }

# the launcher must not build inside jobs: a complete, up-to-date build is a precondition
JAR="$REPO/experiments/target/pathspace-experiments.jar"
[[ -f "$JAR" && -d "$REPO/experiments/target/lib" ]] \
  || die "no build in $REPO/experiments/target: run 'mvn -B -ntp -DskipTests install' (or mvn verify) first"
# (main sources only: Maven does not rewrite an unchanged jar when only tests changed, and the jobs run
# with PATHSPACE_NO_BUILD=1, so the launcher warns instead of building)
stale="$(find "$REPO" -mindepth 4 -path "$REPO/*/src/main/*" -type f -newer "$JAR" -print -quit 2>/dev/null || true)"
[[ -z "$stale" ]] || die "$stale is newer than $JAR: rebuild first (mvn -B -ntp -DskipTests install)"

WORK="${PATHSPACE_SLURM_TEST_OUT:-$(mktemp -d "$DIR/test.XXXXXX")}"
mkdir -p "$WORK"
OUT="$WORK/runs"
cat >"$WORK/slurm-test.yaml" <<EOF
# examples/slurm/test-sweep.sh: 4 points; the lr=1.0e6 points diverge within 3 steps
base:
  target: gaussian
  train: {steps: $STEPS, batch: 64, timesteps: 20, checkpointEvery: $CKPT, logEvery: 50, maxSkips: 2}
  eval: {batch: 1000, referenceSamples: 500}
  threads: {intra: 1, inter: 1}
grid:
  train.lr: [0.005, 1.0e6]
  seed: [1, 2]
EOF
POINTS=("train.lr=0.005_seed=1" "train.lr=0.005_seed=2" "train.lr=1000000.0_seed=1" "train.lr=1000000.0_seed=2")
P0="$OUT/${POINTS[0]}"
cd "$WORK" # the submission directory: logs land here

log "submitting from $WORK"
ARRAY="$(sbatch --parsable --array=0-3 --cpus-per-task=1 --mem=1500M --time=00:20:00 \
  --export=ALL,PATHSPACE_HOME="$REPO",SWEEP="$WORK/slurm-test.yaml",OUT="$OUT",PATHSPACE_JAVA_OPTS=-Xmx768m \
  "$REPO/examples/slurm/sweep.sbatch")"
COLLECT="$(sbatch --parsable --dependency=afterany:"$ARRAY" --mem=1500M --time=00:10:00 \
  --export=ALL,PATHSPACE_HOME="$REPO",OUT="$OUT",PATHSPACE_JAVA_OPTS=-Xmx768m \
  "$REPO/examples/slurm/collect.sbatch")"
log "array job $ARRAY (tasks 0-3), collect job $COLLECT (afterany:$ARRAY)"

state_of() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }
last_step() { [[ -f "$1/metrics.csv" ]] && tail -n +2 "$1/metrics.csv" | tail -1 | cut -d, -f1 || echo 0; }

# requeue task 0 once its point has checkpoints and is still training
requeued_at=""
while [[ -z "$requeued_at" ]]; do
  ((SECONDS < DEADLINE)) || die "timeout waiting for task ${ARRAY}_0 to train; squeue: $(squeue -h)"
  s="$(last_step "$P0")"
  if [[ "$(state_of "${ARRAY}_0")" == RUNNING && "${s:-0}" -ge $((2 * CKPT + 50)) && ! -f "$P0/summary.json" ]]; then
    scontrol requeue "${ARRAY}_0"
    requeued_at="$s"
    log "requeued task ${ARRAY}_0 at step $s/$STEPS"
    # Slurm holds a requeued job back (BeginTime = now + ~2 min); once it is pending again (after the
    # old attempt's step ended, up to KillWait), make it eligible now
    for _ in $(seq 60); do
      if [[ "$(state_of "${ARRAY}_0")" == PENDING ]]; then
        scontrol update JobId="${ARRAY}_0" StartTime=now && break
      fi
      sleep 0.5
    done
  fi
  [[ -f "$P0/summary.json" ]] && die "point 0 finished before it could be requeued: raise STEPS"
  sleep 0.5
done

log "waiting for the array and the collect job"
while [[ -n "$(squeue -h -j "$ARRAY,$COLLECT" 2>/dev/null)" ]]; do
  ((SECONDS < DEADLINE)) || die "timeout; squeue: $(squeue -h)"
  sleep 2
done

echo
echo "== sacct -c (job completion log; there is no slurmdbd) with the array task of each job id"
sacct -c -X -P -n -o JobIDRaw,JobName,State,Elapsed,ExitCode,Start,End 2>/dev/null >"$WORK/sacct.txt" || true
{
  printf '%-10s %-8s %-18s %-10s %-9s %-8s %s\n' JobID JobIDRaw JobName State Elapsed ExitCode Start
  while IFS='|' read -r id name st el ex start _end; do
    task="$(grep -o "^JobId=$id .*" "$DIR/jobcomp/jobcomp.log" | grep -o 'ArrayJobId=[0-9]* ArrayTaskId=[0-9]*' \
      | head -1 | sed -E 's/ArrayJobId=([0-9]+) ArrayTaskId=([0-9]+)/\1_\2/' || true)"
    # only this test's jobs: the array's tasks and the collect job
    [[ "$task" == "${ARRAY}_"* || "$id" == "$COLLECT" ]] || continue
    printf '%-10s %-8s %-18s %-10s %-9s %-8s %s\n' "${task:-$id}" "$id" "$name" "$st" "$el" "$ex" "$start"
  done <"$WORK/sacct.txt"
} | tee "$WORK/sacct-table.txt"
echo
echo "== final states (scontrol show job)"
for t in 0 1 2 3; do
  scontrol -o show job "${ARRAY}_$t" | grep -o -E '^JobId=[0-9]+|ArrayTaskId=[0-9]+|JobState=[A-Z]+|Restarts=[0-9]+|ExitCode=[0-9:]+|RunTime=[0-9:-]+' | tr '\n' ' '
  echo
done | tee "$WORK/states.txt"
scontrol -o show job "$COLLECT" | grep -o -E '^JobId=[0-9]+|JobState=[A-Z]+|ExitCode=[0-9:]+' | tr '\n' ' '
echo

field() { scontrol -o show job "$1" | grep -o "$2=[^ ]*" | head -1 | cut -d= -f2; }
logf() { echo "$WORK/pathspace-sweep-${ARRAY}_$1.out"; }
# integer value of a top-level JSON key ("key" : 400), 0 if absent (no python/jq needed)
json_int() { grep -o -E "\"$2\" *: *[0-9]+" "$1" 2>/dev/null | head -1 | grep -o -E '[0-9]+$' || echo 0; }

echo
echo "== checks"
check "task 0 COMPLETED" [ "$(field "${ARRAY}_0" JobState)" == COMPLETED ]
check "task 1 COMPLETED" [ "$(field "${ARRAY}_1" JobState)" == COMPLETED ]
check "task 2 (lr=1e6) FAILED with a non-zero exit code" \
  bash -c '[[ "$1" == FAILED && "$2" != 0:* ]]' _ "$(field "${ARRAY}_2" JobState)" "$(field "${ARRAY}_2" ExitCode)"
check "task 3 (lr=1e6) FAILED with a non-zero exit code" \
  bash -c '[[ "$1" == FAILED && "$2" != 0:* ]]' _ "$(field "${ARRAY}_3" JobState)" "$(field "${ARRAY}_3" ExitCode)"
check "task 0 was requeued once (Restarts=1), the others never" \
  [ "$(field "${ARRAY}_0" Restarts) $(field "${ARRAY}_1" Restarts) $(field "${ARRAY}_2" Restarts) $(field "${ARRAY}_3" Restarts)" == "1 0 0 0" ]
check "task 0's log has both attempts (--open-mode=append)" grep -q "attempt 2:" "$(logf 0)"
resumed="$(json_int "$P0/summary.json" resumed_from_step)"
echo "        point 0 requeued at step $requeued_at, summary.json resumed_from_step=$resumed"
# a checkpoint at >= 2*CKPT existed when the task was requeued; on SIGTERM pathspace also checkpoints the
# current step, so the resume step is between that and the end
check "point 0 resumed from a checkpoint, not step 0 ($((2 * CKPT)) <= resumed_from_step < $STEPS)" \
  [ "$resumed" -ge $((2 * CKPT)) -a "$resumed" -lt "$STEPS" ]
check "task 0's log: resumed from checkpoint at step $resumed/$STEPS" grep -q "resumed from checkpoint at step $resumed/$STEPS" "$(logf 0)"
check "point 0's provenance.json records one resume" [ "$(grep -c '"from_step"' "$P0/provenance.json")" == 1 ]
# the rows in order; a row at the resume step is the one written with the SIGTERM checkpoint
check "point 0's metrics.csv has steps 50..$STEPS exactly once each (+ the signal row at step $resumed)" \
  [ "$(tail -n +2 "$P0/metrics.csv" | cut -d, -f1 | tr '\n' ' ')" \
    == "$( (seq 50 50 $STEPS; echo "$resumed") | sort -n -u | tr '\n' ' ')" ]
check "task 0's first attempt checkpointed on SIGTERM (interrupted at step $resumed)" \
  grep -q "interrupted at step $resumed/$STEPS: checkpoint written" "$(logf 0)"
for i in 0 1; do
  check "point $i (${POINTS[$i]}) finished exactly once (one headline in all logs)" \
    [ "$(cat "$WORK"/pathspace-sweep-"${ARRAY}"_*.out | grep -c "^\[$((i + 1))/4\] ${POINTS[$i]}  log_z_error")" == 1 ]
  check "point $i has summary.json" [ -f "$OUT/${POINTS[$i]}/summary.json" ]
done
check "point 1 was not resumed" [ "$(json_int "$OUT/${POINTS[1]}/summary.json" resumed_from_step)" == 0 ]
for i in 2 3; do
  check "point $i (${POINTS[$i]}) diverged: 'training diverged' in task $i's log, no summary.json" \
    bash -c "grep -q 'training diverged' '$(logf $i)' && [ ! -f '$OUT/${POINTS[$i]}/summary.json' ]"
done
check "collect job COMPLETED" [ "$(field "$COLLECT" JobState)" == COMPLETED ]
MD="$OUT/results.md"
check "results.md: one configuration (lr 0.005) with both seeds" \
  [ "$(sed '/^Median over seeds/q' "$MD" | grep -c -E '^\| 2 \| [0-9]') $(sed '/^Median over seeds/q' "$MD" | grep -c -E '^\| [0-9]+ \| [0-9]')" == "1 1" ]
check "results.md lists 2 of 4 points as failed" grep -q "2 of 4 sweep points have no finished run" "$MD"
for i in 2 3; do
  check "results.md lists point $i as failed (diverged)" grep -q -E "^\| $i \| ${POINTS[$i]//./\\.} \| failed: training diverged" "$MD"
done
echo
echo "== $MD (collect job $COLLECT)"
cat "$MD"
echo
if ((failures > 0)); then
  echo "slurm-test: $failures check(s) FAILED; logs and runs in $WORK, daemon logs in $DIR/log" >&2
  exit 1
fi
echo "slurm-test: all checks passed ($WORK)"
