#!/usr/bin/env bash
# Load benchmark of issue 6: Ninsho side by side with moto and cognito-local, through ../shared/bench/compare.sh.
#   bench/load.sh [N]          N users (default 1000) for the main run
# Two runs:
#   A. Ninsho (Release) with the test-only fast hash (--insecure-fast-password-hash) against both peers, every
#      phase, ListUsers growth, cold start and RSS: compare.sh with TARGET_CMD, ratios in one run.
#   B. Ninsho with the default hash (PBKDF2-SHA256 600,000) alone (PEERS=none), USER_PASSWORD_AUTH only, with
#      DEFAULT_HASH_N users (default 200: each costs one full hash to create).
# Then prints the issue-6 table (figures, best peer, ratio, target) from both results.json files, with the
# sign-in ceiling that the default hash sets on this machine (cores ÷ one PBKDF2-600k, measured here).
# Settings: everything compare.sh takes (ROUNDS, DURATION, CONNS, LIST_SIZES, …) applies to run A;
# RUNS ("A B"), DEFAULT_HASH_N (200), NO_BUILD=1 (use the published dll), OUT (folder; default /tmp/ninsho-load-<time>).
# Not run by the tests: it takes 20–60 minutes and needs the machine to itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compare="${COMPARE:-$root/../shared/bench/compare.sh}"
n="${1:-${N:-1000}}"
out="${OUT:-/tmp/ninsho-load-$(date +%s)}"
runs="${RUNS:-A B}"
# The same build and settings as ./ninsho: published ReadyToRun into a fixed folder, W^X on (the default).
dll="$root/src/Ninsho.Server/bin/publish/Ninsho.Server.dll"
run="dotnet $dll"

case "${1:-}" in
-h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

[[ -x "$compare" ]] || { echo "load.sh: $compare not found (../shared beside the repository)" >&2; exit 2; }
if [[ "${NO_BUILD:-}" != 1 ]]; then
    echo "load.sh: publishing src/Ninsho.Server (Release, ReadyToRun)" >&2
    dotnet publish "$root/src/Ninsho.Server" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
        -o "$(dirname "$dll")" -v q -nologo >&2
fi
[[ -f "$dll" ]] || { echo "load.sh: $dll is missing" >&2; exit 2; }
mkdir -p "$out"

if [[ " $runs " == *" A "* ]]; then
    echo "load.sh: run A: fast hash against the peers, N=$n → $out/fast" >&2
    OUT="$out/fast" TARGET_NAME=ninsho \
        TARGET_CMD="$run serve --port {port} --insecure-fast-password-hash" \
        "$compare" "$n" >"$out/fast.md"
fi

if [[ " $runs " == *" B "* ]]; then
    nb="${DEFAULT_HASH_N:-200}"
    echo "load.sh: run B: default hash alone, N=$nb → $out/default" >&2
    OUT="$out/default" TARGET_NAME=ninsho-default PEERS=none PHASES=auth LIST_SIZES="$nb" COLD_STARTS=1 \
        TARGET_CMD="$run serve --port {port}" \
        "$compare" "$nb" >"$out/default.md"
fi

echo "load.sh: measuring one PBKDF2-SHA256 600,000 on this machine for the sign-in ceiling" >&2
hash_ms="$(python3 -c '
import hashlib, time
best = min((lambda t: (hashlib.pbkdf2_hmac("sha256", b"Bench-1-pW1!", b"0123456789abcdef", 600000), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))
print(f"{best * 1000:.1f}")')"

python3 "$root/bench/issue6_table.py" \
    --fast "$out/fast/results.json" --default "$out/default/results.json" \
    --hash-ms "$hash_ms" --cores "$(nproc)" | tee "$out/issue6.md"
echo "load.sh: compare.sh tables in $out/fast.md and $out/default.md, raw figures in */results.json" >&2
