#!/usr/bin/env bash
# Load benchmark of issue 6: Ninsho side by side with moto and cognito-local, through ../shared/bench/compare.sh.
#   bench/load.sh [N]          N users (default 1000) for the main run
# Two runs:
#   A. Ninsho (Release) with the test-only fast hash (--insecure-fast-password-hash) against both peers, every
#      phase, ListUsers growth, cold start and RSS: compare.sh with TARGET_CMD, ratios in one run.
#   B. Ninsho with the default hash (PBKDF2-SHA256 600,000) alone (PEERS=none), USER_PASSWORD_AUTH only, with
#      DEFAULT_HASH_N users (default 200: each costs one full hash to create).
# Then prints the issue-6 table (figures, best peer, ratio, target) from both results.json files, with the
# sign-in ceiling that the default hash sets on this machine (PBKDF2-600k on every core at once, before and after B).
# Settings: everything compare.sh takes (ROUNDS, DURATION, CONNS, LIST_SIZES, …) applies to run A;
# RUNS ("A B"), DEFAULT_HASH_N (200), NINSHO_BUILD (as for ./ninsho), OUT (folder; default /tmp/ninsho-load-<time>).
# Not run by the tests: it takes 20–60 minutes and needs the machine to itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compare="${COMPARE:-$root/../shared/bench/compare.sh}"
n="${1:-${N:-1000}}"
out="${OUT:-/tmp/ninsho-load-$(date +%s)}"
runs="${RUNS:-A B}"
# The same build and settings as ./ninsho (NINSHO_BUILD applies): `./ninsho build` builds when needed and prints the
# command that runs the server; W^X on (the default).

case "${1:-}" in
-h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

[[ -x "$compare" ]] || { echo "load.sh: $compare not found (../shared beside the repository)" >&2; exit 2; }
echo "load.sh: ./ninsho build (only when a source is newer than the build)" >&2
run="$("$root/ninsho" build)"
mkdir -p "$out"

if [[ " $runs " == *" A "* ]]; then
    echo "load.sh: run A: fast hash against the peers, N=$n → $out/fast" >&2
    OUT="$out/fast" TARGET_NAME=ninsho \
        TARGET_CMD="$run serve --port {port} --insecure-fast-password-hash" \
        "$compare" "$n" >"$out/fast.md"
fi

# The ceiling the default hash sets: PBKDF2-SHA256 600,000 computed by one process per core at once for 10 s (OpenSSL,
# as the server's), measured right before and right after run B: this machine's speed drifts by tens of percent
# within minutes, so a single hash timed at another moment is no fair ceiling.
hash_rate() {
    python3 - "$(nproc)" <<'PY'
import hashlib, multiprocessing as mp, sys, time
def run(_):
    t0, n = time.perf_counter(), 0
    while time.perf_counter() - t0 < 10:
        hashlib.pbkdf2_hmac("sha256", b"Bench-1-pW1!", b"0123456789abcdef", 600000)
        n += 1
    return n / (time.perf_counter() - t0)
cores = int(sys.argv[1])
with mp.Pool(cores) as pool:
    print(f"{sum(pool.map(run, range(cores))):.3f}")
PY
}

hash_ms=""
if [[ " $runs " == *" B "* ]]; then
    nb="${DEFAULT_HASH_N:-200}"
    echo "load.sh: PBKDF2-SHA256 600,000 on every core for 10 s (the ceiling, before run B)" >&2
    rate_before="$(hash_rate)"
    echo "load.sh: run B: default hash alone, N=$nb → $out/default" >&2
    OUT="$out/default" TARGET_NAME=ninsho-default PEERS=none PHASES=auth LIST_SIZES="$nb" COLD_STARTS=1 \
        TARGET_CMD="$run serve --port {port}" \
        "$compare" "$nb" >"$out/default.md"
    echo "load.sh: the same after run B" >&2
    rate_after="$(hash_rate)"
    hash_ms="$(python3 -c "import sys; r = (float(sys.argv[1]) + float(sys.argv[2])) / 2; print(f'{$(nproc) * 1000 / r:.1f}')" "$rate_before" "$rate_after")"
    echo "load.sh: hashes/s on $(nproc) cores: $rate_before before, $rate_after after run B → $hash_ms ms per hash per core" >&2
fi

python3 "$root/bench/issue6_table.py" \
    --fast "$out/fast/results.json" --default "$out/default/results.json" \
    ${hash_ms:+--hash-ms "$hash_ms"} --cores "$(nproc)" | tee "$out/issue6.md"
echo "load.sh: compare.sh tables in $out/fast.md and $out/default.md, raw figures in */results.json" >&2
