#!/usr/bin/env python3
"""Two builds (or two settings) side by side: server CPU per answered request, paired round by round.

  bench/ab-compare.py --a DLL [--a-args "..."] [--a-env "NAME=VALUE ..."] --b DLL [--b-args "..."] [--b-env "..."]
                      [--phases auth,refresh,admin_get]
                      [--users N] [--duration S] [--conns C] [--rounds R] [--warmup S]

Starts both servers (fast hash, fresh data folders, free ports), gives each the same pool, users and refresh tokens
(../shared/bench's helpers), warms every phase up on both (tier-1 JIT), then per round runs each phase under wrk
on A and B back to back, the order swapped every round. On a machine other work shares, CPU per request drifts by
tens of percent within minutes; the ratio B ÷ A of two runs a few seconds apart drifts far less, so the figure to
quote is the median of the per-round ratios. Not a test; nothing asserts on it.
"""
import argparse
import os
import shlex
import statistics
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402
import ninsho_bench as nb  # noqa: E402


def env_of(text):
    return dict(item.split("=", 1) for item in shlex.split(text))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True, help="Ninsho.Server.dll of build A")
    ap.add_argument("--b", required=True, help="Ninsho.Server.dll of build B (may be the same with other --b-args)")
    ap.add_argument("--a-args", default="")
    ap.add_argument("--b-args", default="")
    ap.add_argument("--a-env", default="", help="NAME=VALUE ... set in A's environment only")
    ap.add_argument("--b-env", default="", help="NAME=VALUE ... set in B's environment only")
    ap.add_argument("--phases", default="auth,refresh,admin_get")
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--conns", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--warmup", type=int, default=10)
    a = ap.parse_args()
    cb.need_wrk()
    phases = a.phases.split(",")
    base = tempfile.mkdtemp(prefix="ninsho-ab-", dir="/tmp")
    servers = {}
    try:
        servers["A"] = nb.start("A", a.a, shlex.split(a.a_args), base, env_of(a.a_env))
        servers["B"] = nb.start("B", a.b, shlex.split(a.b_args), base, env_of(a.b_env))
        targets = {name: nb.prepare(name, srv.url, srv.pid, srv.cwd, a.users) for name, srv in servers.items()}
        for mode in phases:
            for name in ("A", "B"):
                cb.wrk(targets[name], mode, a.conns, a.warmup)
        runs = {(mode, name): [] for mode in phases for name in ("A", "B")}
        for i in range(a.rounds):
            for mode in phases:
                for name in (("A", "B") if i % 2 == 0 else ("B", "A")):
                    r = cb.wrk(targets[name], mode, a.conns, a.duration)
                    if r["errors"]:
                        cb.log(f"{name} {mode}: {r['errors']} errors")
                    runs[(mode, name)].append(r)
        print(f"\n{a.rounds} rounds × {a.duration} s per phase and build, wrk c{a.conns}, {a.users} users, load "
              f"{cb.loadavg()}\nA = {a.a_env} {a.a} {a.a_args}\nB = {a.b_env} {a.b} {a.b_args}\n")
        print("| phase | CPU ms/req A | CPU ms/req B | B ÷ A (median of rounds) | per-round B ÷ A | req/s A | req/s B |")
        print("|---|---:|---:|---:|---|---:|---:|")
        for mode in phases:
            ra, rb = runs[(mode, "A")], runs[(mode, "B")]
            ca = [r["server_cpu_ms_per_ok"] for r in ra]
            cbb = [r["server_cpu_ms_per_ok"] for r in rb]
            ratios = [y / x for x, y in zip(ca, cbb) if x]
            print(f"| {mode} | {statistics.median(ca):.3f} | {statistics.median(cbb):.3f} | "
                  f"{statistics.median(ratios):.3f} | {' '.join(f'{x:.2f}' for x in ratios)} | "
                  f"{statistics.median(r['ok_rps'] for r in ra):.0f} | {statistics.median(r['ok_rps'] for r in rb):.0f} |")
    finally:
        for srv in servers.values():
            srv.stop()


if __name__ == "__main__":
    main()
