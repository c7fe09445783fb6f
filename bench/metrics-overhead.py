#!/usr/bin/env python3
"""What --metrics costs: AdminGetUser and REFRESH_TOKEN_AUTH on a server without metrics and one with them, side by side.

  bench/metrics-overhead.py [--dll PATH] [--users N] [--duration S] [--conns C] [--rounds R] [--scrape S]

Starts two servers from the same build (fast hash, fresh data folders, free ports): "off" (no telemetry) and "on"
(--metrics, scraped at /metrics every S seconds, default 1, as a Prometheus would). Each gets the same pool, N users
and their refresh tokens (../shared/bench's helpers). Then, per round, each phase (admin_get, refresh) runs under wrk
on both servers one after the other, the order swapped every round so that neither always runs second. Printed per
phase: the server's CPU ms per answered request (utime + stime from /proc ÷ ok requests; the figure that survives
a shared machine) and req/s, medians of the rounds, and the overhead of "on" in %. Load averages are printed too:
the figures are noisy on a machine other work shares. Not a test; nothing asserts on them.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402
import ninsho_bench as nb  # noqa: E402

PHASES = ("admin_get", "refresh")


class Scraper(threading.Thread):
    """GET /metrics every `every` seconds while running (what Prometheus costs the server)."""

    def __init__(self, url, every):
        super().__init__(daemon=True)
        self.url, self.every, self.stop, self.scrapes, self.bytes = url + "metrics", every, threading.Event(), 0, 0

    def run(self):
        while not self.stop.wait(self.every):
            with urllib.request.urlopen(self.url, timeout=5) as answer:
                self.bytes = len(answer.read())
                self.scrapes += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", default=os.path.join(root, "src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll"))
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--conns", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=4, help="unmeasured seconds of each phase on each server first")
    ap.add_argument("--scrape", type=float, default=1.0, help="seconds between scrapes of the 'on' server")
    a = ap.parse_args()
    cb.need_wrk()
    base = tempfile.mkdtemp(prefix="ninsho-metrics-bench-", dir="/tmp")
    servers = {}
    try:
        servers["off"] = nb.start("off", a.dll, [], base)
        servers["on"] = nb.start("on", a.dll, ["--metrics"], base)
        targets = {name: nb.prepare(name, srv.url, srv.pid, srv.cwd, a.users) for name, srv in servers.items()}
        scraper = Scraper(servers["on"].url, a.scrape)
        scraper.start()
        for mode in PHASES:
            for name in ("off", "on"):
                cb.wrk(targets[name], mode, a.conns, a.warmup)  # JIT tiering, not measured
        runs = {(mode, name): [] for mode in PHASES for name in ("off", "on")}
        for i in range(a.rounds):
            order = ("off", "on") if i % 2 == 0 else ("on", "off")
            for mode in PHASES:
                for name in order:
                    r = cb.wrk(targets[name], mode, a.conns, a.duration)
                    if r["errors"]:
                        cb.log(f"{name} {mode}: {r['errors']} errors")
                    runs[(mode, name)].append(r)
                    cb.log(f"round {i + 1} {mode} {name}: {r['server_cpu_ms_per_ok']} ms CPU/req, {r['ok_rps']} req/s, "
                           f"load {r['loadavg_after']}")
        scraper.stop.set()
        result = {"rounds": a.rounds, "duration_s": a.duration, "conns": a.conns, "users": a.users,
                  "scrapes": scraper.scrapes, "scrape_bytes": scraper.bytes, "phases": {}}
        print(f"\n{a.rounds} rounds × {a.duration} s per phase and server, wrk c{a.conns}, {a.users} users; "
              f"'on' scraped {scraper.scrapes} times ({scraper.bytes} bytes last)\n")
        print("| phase | CPU ms/req off | CPU ms/req on | overhead | req/s off | req/s on | load avg (1 min) during |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for mode in PHASES:
            off = runs[(mode, "off")]
            on = runs[(mode, "on")]
            cpu_off = statistics.median(r["server_cpu_ms_per_ok"] for r in off)
            cpu_on = statistics.median(r["server_cpu_ms_per_ok"] for r in on)
            rps_off = statistics.median(r["ok_rps"] for r in off)
            rps_on = statistics.median(r["ok_rps"] for r in on)
            loads = [r["loadavg_after"] for r in off + on]
            overhead = (cpu_on - cpu_off) / cpu_off * 100
            result["phases"][mode] = {"cpu_ms_off": cpu_off, "cpu_ms_on": cpu_on, "overhead_pct": round(overhead, 1),
                                      "rps_off": rps_off, "rps_on": rps_on,
                                      "per_round_cpu_off": [r["server_cpu_ms_per_ok"] for r in off],
                                      "per_round_cpu_on": [r["server_cpu_ms_per_ok"] for r in on], "loadavg": loads}
            print(f"| {mode} | {cpu_off:.3f} | {cpu_on:.3f} | {overhead:+.1f} % | {rps_off:.0f} | {rps_on:.0f} | "
                  f"{min(loads):.1f}–{max(loads):.1f} |")
        print("\n" + json.dumps(result, indent=1))
    finally:
        for srv in servers.values():
            srv.stop()


if __name__ == "__main__":
    main()
