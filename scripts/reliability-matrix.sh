#!/usr/bin/env bash
# The bad-input / fault matrix of docs/reliability.md against the built CLI (build first: ./pathspace list).
# Prints one line per case: exit code, expected exit code, stack-trace lines, first message line.
# Needs root for the disk-full case (a 300 KiB tmpfs); ~5 minutes on 2 cores.
set -u
R="$(cd "$(dirname "$0")/.." && pwd)"
CP="$R/experiments/target/pathspace-experiments.jar:$R/experiments/target/lib/*"
W="${1:-$(mktemp -d)}"; mkdir -p "$W"; cd "$W"; echo "work dir: $W"
PS() { java -Xmx1g -Djava.awt.headless=true -cp "$CP" dev.pathspace.experiments.cli.Main "$@"; }
B="target=gaussian train.steps=50 train.batch=64 train.timesteps=20 eval.batch=512 eval.chunk=512 eval.referenceSamples=200 train.logEvery=5 threads.inter=1"
out() { # name expected-exit cmd...
  local name=$1 exp=$2; shift 2
  "$@" >$W/$name.out 2>$W/$name.err; local rc=$?
  local st=$(grep -c $'^\tat \|Exception in thread\|OutOfMemoryError' $W/$name.err)
  local msg=$(grep -m1 '^error:\|^warning:\|interrupted at\|resumed from\|already complete\|not counted' $W/$name.err | cut -c1-150)
  printf '%-28s exit=%-3s expected=%-3s trace=%s | %s\n' "$name" "$rc" "$exp" "$st" "$msg"
}
# --- early (bad input) ---
out stpes 2 PS run $B train.stpes=5
out trian 2 PS run $B trian.steps=5
out div-lv 2 PS run $B divergence=lv
out div-momnet 2 PS run $B divergence=momnet
out lr-inf 2 PS run $B train.lr=inf
out lr-nan 2 PS run $B train.lr=nan
printf 'train:\n  steps: 3\n  steps: 5\n' > dup.yaml; out yaml-dup 2 PS run --config dup.yaml $B
printf 'seed: 1\n---\nseed: 2\n' > two.yaml; out yaml-2docs 2 PS run --config two.yaml $B
printf 'train: {steps: 3\n' > bad.yaml; out yaml-syntax 2 PS run --config bad.yaml $B
out yaml-missing 2 PS run --config nope.yaml $B
out batch-1e8 2 PS run $B train.batch=100000000
out width-1e5 2 PS run $B sampler.width=100000
out evalbatch-1e9 2 PS run $B eval.batch=1000000000
out dim0 2 PS run $B target.dim=0
out pis-vp 2 PS run $B sampler=pis schedule=vp-linear
out width-neg 2 PS run $B sampler.width=-1
out precision 2 PS run $B precision=float16
out seed-abc 2 PS run $B seed=abc
out skipfrac 2 PS run --max-skipped-fraction 2 $B
mkdir -p mine && echo mydata > mine/metrics.csv; out out-nonrun 2 PS run --out mine $B
out resume-missing 2 PS run --resume nowhere
out collect-missing 2 PS collect nowhere
ls runs 2>/dev/null | head -3 | sed 's/^/  LEFTOVER runs: /'
# --- a complete run, then refusals on it ---
out complete 0 PS run --out done $B
out out-finished 2 PS run --out done $B
out resume-complete 0 PS run --resume done
# --- SIGTERM during training, refusals, resume ---
PS run --out done $B >/dev/null 2>&1
BL="target=gaussian train.steps=100000 train.batch=64 train.timesteps=20 eval.batch=512 eval.chunk=512 eval.referenceSamples=200 train.logEvery=5 train.checkpointEvery=100 threads.inter=1"
java -Xmx1g -Djava.awt.headless=true -cp "$CP" dev.pathspace.experiments.cli.Main run --out sig $BL >/dev/null 2>$W/sigterm.err & P=$!
for i in $(seq 1 120); do [ -f sig/metrics.csv ] && [ $(wc -l < sig/metrics.csv) -gt 60 ] && break; sleep 0.5; done
kill -TERM $P; wait $P; rc=$?
printf '%-28s exit=%-3s expected=%-3s trace=%s | %s\n' sigterm $rc 130 $(grep -c $'^\tat ' $W/sigterm.err) "$(grep -m1 interrupted $W/sigterm.err)"
out out-interrupted 2 PS run --out sig $BL
out out-other-config 2 PS run --out sig $B
out export-unfinished 0 PS export sig --out model
cp sig/config.yaml sig.cfg.bak; sed -i 's/steps: 100000/steps: 100001/' sig/config.yaml
out resume-edited 2 PS run --resume sig
cp sig.cfg.bak sig/config.yaml
# --- corrupted checkpoints: fall back ---
for d in flip truncate index props; do
  rm -rf c-$d; PS run --out c-$d $B train.checkpointEvery=20 >/dev/null 2>&1
  # make it unfinished: newest checkpoint damaged and state back to training
  N=$(ls -d c-$d/checkpoints/step-* | tail -1)
  python3 - "$N" $d c-$d <<'PY'
import sys,json,os,glob
n,d,run=sys.argv[1:]
data=glob.glob(n+'/variables.data-*')[0]
if d=='flip':
    b=bytearray(open(data,'rb').read()); b[len(b)//2]^=0xff; open(data,'wb').write(b)
elif d=='truncate':
    b=open(data,'rb').read(); open(data,'wb').write(b[:len(b)//3])
elif d=='index': os.remove(n+'/variables.index')
else: open(n+'/state.properties','w').write('step=zz\n')
s=json.load(open(run+'/run.json')); s['state']='training'; json.dump(s,open(run+'/run.json','w'))
os.remove(run+'/summary.json')
PY
  out ckpt-$d 0 PS run --resume c-$d
done
# --- did not train / non-finite ---
out maxlogrnd-neg-gmm 5 PS run --out neg ${B/target=gaussian/target=gmm} divergence.maxLogRnd=-1
out maxskips-big 5 PS run --out nan $B train.lr=1e12 train.maxSkips=100000
# --- disk full on a 1 MiB tmpfs ---
mkdir -p full && mount -t tmpfs -o size=300k tmpfs full 2>/dev/null && {
  out disk-full 6 PS run --out full/r $B
  ls -a full/r | tr '\n' ' ' | sed 's/^/  ON DISK: /'; echo
  find full -name '*.tmp-*' | sed 's/^/  TEMP LEFT: /'
  umount full; }
# --- collect: duplicates and truncated summary ---
mkdir -p coll && for s in 1 2 3; do PS run --out coll/s$s $B seed=$s >/dev/null 2>&1; done
PS rerun coll/s1 --out coll/s1-again >/dev/null 2>&1
mkdir -p coll/broken && head -c 40 coll/s2/summary.json > coll/broken/summary.json
out collect-dup 0 PS collect coll
grep -o '| [0-9] |' coll/results.md | head -2 | sed 's/^/  SEEDS CELL: /'
# --- export + sample of a complete run ---
out export-done 0 PS export done
out sample-ok 0 PS sample done --n 100 --out s.csv
# --- bench --compare of a missing file (engine's code) ---
out bench-compare-missing 2 PS bench $B --warmup 1 --steps 2 --compare missing.json
