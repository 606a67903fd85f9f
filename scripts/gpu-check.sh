#!/usr/bin/env bash
# GPU check: builds pathspace with the CUDA build of TensorFlow (mvn -Pgpu), prints the devices TensorFlow
# sees, and runs the standard benchmark suite on the GPU.
#   scripts/gpu-check.sh [OUT.json] [key=value ...]     (default OUT: bench-gpu.json)
# Exit codes: 0 done, 4 no GPU (no NVIDIA GPU/driver, or TensorFlow sees none), other: build/bench failure.
# Needs an NVIDIA GPU with its driver and CUDA 12 / cuDNN 9 (the native library dlopens them).
# The -Pgpu build replaces the CPU one in experiments/target; on exit the next ./pathspace rebuilds for the CPU.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="bench-gpu.json"
if [[ $# -gt 0 && "$1" != *=* ]]; then
  OUT="$1"
  shift
fi

no_gpu() {
  echo "gpu-check: no GPU: $1" >&2
  echo "gpu-check: run this on a machine with an NVIDIA GPU, its driver and CUDA 12 / cuDNN 9;" \
    "on this machine use device=cpu (or device=auto)" >&2
  exit 4
}

# 1. is there an NVIDIA GPU at all? (before downloading the ~500 MB CUDA build of TensorFlow)
if ! command -v nvidia-smi >/dev/null 2>&1; then
  no_gpu "nvidia-smi not found (no NVIDIA driver installed)"
fi
if ! GPUS="$(nvidia-smi -L 2>&1)" || ! grep -q '^GPU ' <<<"$GPUS"; then
  no_gpu "nvidia-smi lists no GPU (${GPUS:-no output})"
fi
echo "$GPUS"

# 2. the CUDA build; afterwards force the launcher to rebuild the CPU build on its next use
trap 'touch "$ROOT/pom.xml"' EXIT
echo "gpu-check: building with -Pgpu …" >&2
(cd "$ROOT" && mvn -B -q -ntp -Pgpu -DskipTests install) >&2

# 3. the devices TensorFlow sees; exits 4 with the device=gpu error if none is a GPU
CP="$ROOT/experiments/target/pathspace-experiments.jar:$ROOT/experiments/target/lib/*"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
java -cp "$CP" dev.pathspace.experiments.engine.Devices gpu

# 4. the benchmark suite on the GPU (each row in its own JVM, all with device=gpu)
touch "$ROOT/experiments/target/pathspace-experiments.jar" # the launcher must not rebuild for the CPU now
"$ROOT/pathspace" bench --suite --json "$OUT" device=gpu "$@"
echo "gpu-check: wrote $OUT" >&2
