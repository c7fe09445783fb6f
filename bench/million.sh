#!/usr/bin/env bash
# One pool, 1,000,000 users: Ninsho's import rate and ListUsers-with-filter p50/p99 at 1k, 100k and 1M users,
# next to moto at the size it reaches in MOTO_BUDGET seconds. Prints figures and stops what it started.
#   bench/million.sh                 SIZES="1000 100000 1000000" (takes minutes; needs the machine to itself)
#   SIZES="1000 20000" MOTO_BUDGET=30 bench/million.sh     a quick check
# Settings: see bench/million.py (QUERIES, MOTO_QUERIES, MOTO_BUDGET, DLL, NINSHO_POSTGRES, PEERS). NO_BUILD=1 skips
# the Release build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${NO_BUILD:-}" != 1 && -z "${DLL:-}" ]]; then
    dotnet build -c Release "$root/src/Ninsho.Server" -nologo -v quiet >&2
fi
exec python3 "$root/bench/million.py"
