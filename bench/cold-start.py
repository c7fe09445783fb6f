#!/usr/bin/env python3
"""Cold start as ../shared/bench/compare.sh measures it: process start → first 200 to ListUserPools, in a fresh
data folder each time; prints the median (and all samples) in ms for each command given, and the CPU time the process used
until then (user + system: steadier than the wall time on a busy machine).

  bench/cold-start.py [--runs N] 'CMD with {port} and {dir}' ['CMD2' …]

Run the commands alternately so that both see the same machine load.
"""
import argparse
import os
import statistics
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=7)
ap.add_argument("cmds", nargs="+")
a = ap.parse_args()
samples = {c: [] for c in a.cmds}
cpu = {c: [] for c in a.cmds}
for _ in range(a.runs):
    for c in a.cmds:
        base = tempfile.mkdtemp(prefix="ninsho-cold-", dir="/tmp")
        port = cb.free_port()
        argv = c.replace("{port}", str(port)).replace("{dir}", os.path.join(base, "data")).split()
        srv = cb.Server("ninsho", argv, {}, base, port)
        try:
            samples[c].append(srv.start() * 1000)
            cpu[c].append(cb.cpu_s(srv.pid) * 1000)
        finally:
            srv.stop()
for c, xs in samples.items():
    print(f"{statistics.median(xs):7.0f} ms median  ({', '.join(f'{x:.0f}' for x in xs)}), "
          f"CPU {statistics.median(cpu[c]):.0f} ms median  {c}")
