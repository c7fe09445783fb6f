#!/usr/bin/env python3
"""Print issue 6's table (figure, Ninsho, best peer, ratio, target, met?) from compare.sh's results.json files.

  issue6_table.py --fast RUN_A/results.json [--default RUN_B/results.json] [--hash-ms MS] [--cores 2]

RUN_A: Ninsho with --insecure-fast-password-hash side by side with the peers (compare.sh with TARGET_CMD).
RUN_B: Ninsho with the default hash alone (USER_PASSWORD_AUTH), judged against the ceiling that the hash sets:
cores x 1000 / MS sign-ins per second. Missing files or figures print as "–".
"""

import argparse
import json
import os
import statistics

PEERS = ("moto", "cognito-local")


def load(path):
    if not path or not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["name"]: r for r in json.load(f)["results"]}


def phase(res, key, field):
    runs = [r for r in res.get("phases", {}).get(key, []) if "skipped" not in r and r.get(field) is not None]
    return statistics.median(r[field] for r in runs) if runs else None


def fmt(v):
    if v is None:
        return "–"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fast", required=True)
    ap.add_argument("--default")
    ap.add_argument("--hash-ms", type=float)
    ap.add_argument("--cores", type=int, default=2)
    a = ap.parse_args()
    fast, default = load(a.fast), load(a.default)
    ours = next((r for name, r in fast.items() if name not in PEERS), {})
    peers = [fast[p] for p in PEERS if p in fast]
    rows = []

    def row(label, value, peer_values, better, target, unit=""):
        """better: 'higher' or 'lower'; target: required ratio value ÷ best peer."""
        vals = [v for v in peer_values if v is not None]
        best = (max(vals) if better == "higher" else min(vals)) if vals else None
        ratio = value / best if value is not None and best else None
        met = None if ratio is None else (ratio >= target if better == "higher" else ratio <= target)
        goal = f"≥ {target:g}×" if better == "higher" else f"≤ {target:g}×"
        rows.append((label + unit, fmt(value), fmt(best), "–" if ratio is None else f"{ratio:.2f}×", goal,
                     "–" if met is None else ("yes" if met else "NO")))

    for key, label in (("admin_get@c16", "AdminGetUser c16 req/s"), ("get_user@c16", "GetUser c16 req/s"),
                       ("refresh@c16", "REFRESH_TOKEN_AUTH c16 req/s"),
                       ("auth@c16", "USER_PASSWORD_AUTH c16 req/s, fast hash")):
        row(label, phase(ours, key, "ok_rps"), [phase(p, key, "ok_rps") for p in peers], "higher", 10)
    for key, label in (("auth@c64", "USER_PASSWORD_AUTH"), ("refresh@c64", "REFRESH_TOKEN_AUTH"),
                       ("admin_get@c64", "AdminGetUser"), ("get_user@c64", "GetUser")):
        scale = lambda v: v / 1000 if v is not None else None
        row(f"{label} c64 p99 ms", scale(phase(ours, key, "p99_us")),
            [scale(phase(p, key, "p99_us")) for p in peers], "lower", 0.1)
    cold = lambda r: statistics.median(r["cold_start_s"]) * 1000 if r.get("cold_start_s") else None
    row("cold start ms", cold(ours), [cold(p) for p in peers], "lower", 0.5)
    setup = lambda r: r["setup"][0]["users_per_s"] if r.get("setup") and r["setup"][0].get("complete") else None
    row("users created/s (fast hash)", setup(ours), [setup(p) for p in peers], "higher", 10)

    lines = ["| figure | Ninsho | best peer | ratio | target | met |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]

    # RSS: 100,000 users against 1,000 (the target is Ninsho's own growth, not a peer ratio).
    rss = ours.get("rss", {})
    small, large = rss.get("1000 users"), rss.get("100000 users")
    growth = large / small if small and large else None
    lines.append(f"| RSS MiB 100,000 users ÷ 1,000 users | {fmt(large)} ÷ {fmt(small)} | – | "
                 f"{'–' if growth is None else f'{growth:.2f}×'} | ≤ 1.2× | "
                 f"{'–' if growth is None else ('yes' if growth <= 1.2 else 'NO')} |")

    # USER_PASSWORD_AUTH with the default hash against the ceiling the hash sets on this machine.
    ours_default = next(iter(default.values()), {})
    value = phase(ours_default, "auth@c16", "ok_rps")
    ceiling = a.cores * 1000 / a.hash_ms if a.hash_ms else None
    share = value / ceiling if value is not None and ceiling else None
    lines.append(f"| USER_PASSWORD_AUTH c16 req/s, default hash (PBKDF2-SHA256 600,000) | {fmt(value)} | "
                 f"ceiling {fmt(ceiling)} ({a.cores} cores ÷ {fmt(a.hash_ms)} ms) | "
                 f"{'–' if share is None else f'{share:.0%}'} of ceiling | ≥ 80 % | "
                 f"{'–' if share is None else ('yes' if share >= 0.8 else 'NO')} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
