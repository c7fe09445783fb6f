#!/usr/bin/env python3
"""Server CPU per request of Ninsho's hot operations: a figure that stays comparable on a busy machine.

  bench/cpu-per-request.py [--dll PATH] [--users N] [--duration S] [--conns C] [--rounds R] [--warmup S] [--phases a,b]

Starts the built server (fast hash, fresh data folder, a free port), creates N users with
../shared/bench's helpers, signs them in, then runs wrk (../shared/bench/lib/cognito.lua) for each phase and
prints the server's CPU milliseconds per answered request (utime + stime from /proc over the phase ÷ ok
requests), the median of R rounds, after an unmeasured warm-up of each phase (its first seconds pay for JIT
compilation). Also prints the users-created rate's CPU cost (ms per user) and the
time to the first answered ListUserPools (cold start, fresh data folder). Throughput (req/s) is printed
too but depends on what else the machine runs; compare CPU/request before and after a change instead.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", default=os.path.join(root, "src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll"))
    ap.add_argument("--cmd", help="server command with {port} and {dir}; replaces --dll")
    ap.add_argument("--users", type=int, default=300)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--conns", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=3, help="unmeasured seconds of each phase first (JIT tiering)")
    ap.add_argument("--phases", default="admin_get,get_user,refresh,auth")
    a = ap.parse_args()
    cb.need_wrk()
    base = tempfile.mkdtemp(prefix="ninsho-cpu-", dir="/tmp")
    port = cb.free_port()
    cmd = a.cmd or f"dotnet {a.dll} serve --port {{port}} --data-dir {{dir}} --insecure-fast-password-hash"
    argv = cmd.replace("{port}", str(port)).replace("{dir}", os.path.join(base, "data")).split()
    srv = cb.Server("ninsho", argv, {}, base, port)
    cold = srv.start()
    try:
        t = cb.Target("ninsho", srv.url, srv.pid, base)
        cb.setup_pool(t)
        c0 = cb.cpu_s(srv.pid)
        r = cb.create_users(t, a.users, 8, 600)
        create_ms = (cb.cpu_s(srv.pid) - c0) * 1000 / max(1, r["created"])
        cb.collect_tokens(t, min(a.users, 200))
        out = {"cold_start_ms": round(cold * 1000), "users_per_s": r["users_per_s"],
               "create_cpu_ms_per_user": round(create_ms, 3), "phases": {}}
        for mode in a.phases.split(","):
            if a.warmup > 0:
                cb.wrk(t, mode, a.conns, a.warmup)  # tier-1 JIT of the phase's code, not measured
            runs = [cb.wrk(t, mode, a.conns, a.duration) for _ in range(a.rounds)]
            out["phases"][mode] = {
                "cpu_ms_per_ok": statistics.median(x["server_cpu_ms_per_ok"] for x in runs),
                "ok_rps": statistics.median(x["ok_rps"] for x in runs),
                "errors": sum(x["errors"] for x in runs),
                "loadavg": runs[-1]["loadavg_after"],
            }
            cb.log(f"{mode}: {out['phases'][mode]}")
        out["rss_mib"] = cb.rss_mib(srv.pid)
        print(json.dumps(out, indent=1))
    finally:
        srv.stop()


if __name__ == "__main__":
    main()
