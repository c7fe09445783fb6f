#!/usr/bin/env python3
"""Cold start as ../shared/bench/compare.sh measures it: process start → first 200 to ListUserPools, in a fresh
data folder each time; prints the median (and all samples) in ms for each command given, and the CPU time the process used
until then (user + system: steadier than the wall time on a busy machine).

  bench/cold-start.py [--runs N] [--phases] 'CMD with {port} and {dir}' ['CMD2' …]

Run the commands alternately so that both see the same machine load. A command may start with VAR=value words
(environment for that command only, e.g. 'DOTNET_TieredCompilation=0 bin/Ninsho.Server serve …' or
'HOST=127.0.0.1 PORT={port} node /tmp/cl/node_modules/cognito-local/lib/bin/start.js').

--phases sets NINSHO_STARTUP_TRACE=1 and prints, per start-up phase of a Ninsho command, the wall and CPU ms spent
in that phase and the ms its threads were runnable but waited for a core (min / median / max over the runs), so that
what varies between runs shows: wall - CPU - runnable is time blocked (disk, sleeps).
"""
import argparse
import os
import re
import statistics
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402

TRACE = re.compile(r"startup: (.+?)\s+wall\s+(\d+) ms\s+cpu\s+(\d+) ms\s+jit\s+(\d+) methods\s+(\d+) ms(?:\s+runnable\s+(-?\d+) ms)?")

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=7)
ap.add_argument("--phases", action="store_true", help="print each start-up phase (NINSHO_STARTUP_TRACE=1)")
ap.add_argument("cmds", nargs="+")
a = ap.parse_args()
samples = {c: [] for c in a.cmds}
cpu = {c: [] for c in a.cmds}
phases = {c: {} for c in a.cmds}  # phase -> list of (wall, cpu, jit methods, jit ms, runnable ms) spent in it
loads = [cb.loadavg()]


def split_env(words):
    env = {}
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        k, v = words.pop(0).split("=", 1)
        env[k] = v
    return env, words


def read_phases(log_path):
    """The trace lines of one start, as (phase, wall, cpu, jit methods, jit ms, runnable ms) spent since the previous
    mark; runnable is the time the process's threads waited for a core (0 where the server does not print it)."""
    out, prev = [], (0, 0, 0, 0, 0)
    with open(log_path, errors="replace") as f:
        for line in f:
            m = TRACE.search(line)
            if m:
                cur = tuple(int(x or 0) for x in m.groups()[1:])
                out.append((m.group(1).strip(), *(c - p for c, p in zip(cur, prev))))
                prev = cur
    if out:
        out.append(("total", *prev))
    return out


for _ in range(a.runs):
    for c in a.cmds:
        base = tempfile.mkdtemp(prefix="ninsho-cold-", dir="/tmp")
        port = cb.free_port()
        words = c.replace("{port}", str(port)).replace("{dir}", os.path.join(base, "data")).split()
        env, argv = split_env(words)
        if a.phases:
            env.setdefault("NINSHO_STARTUP_TRACE", "1")
        srv = cb.Server("ninsho", argv, env, base, port)
        try:
            samples[c].append(srv.start() * 1000)
            cpu[c].append(cb.cpu_s(srv.pid) * 1000)
        finally:
            srv.stop()
        if a.phases:
            for name, *vals in read_phases(srv.log_path):
                phases[c].setdefault(name, []).append(vals)
    loads.append(cb.loadavg())


def mmm(xs):
    return f"{min(xs):4.0f} {statistics.median(xs):4.0f} {max(xs):4.0f}"


print(f"load average (1 min) during the runs: {min(loads):.1f}–{max(loads):.1f}")
for c, xs in samples.items():
    print(f"{statistics.median(xs):7.0f} ms median  ({', '.join(f'{x:.0f}' for x in xs)}), "
          f"CPU {statistics.median(cpu[c]):.0f} ms median  ({', '.join(f'{x:.0f}' for x in cpu[c])})  {c}")
    if phases[c]:
        print(f"    {'phase (ends at)':26} {'wall min/med/max':>16}   {'CPU min/med/max':>16}   "
              f"{'runnable min/med/max':>20}   JIT methods med   JIT ms med")
        for name, rows in phases[c].items():
            w, u, jm, jt, rq = zip(*rows)
            print(f"    {name:26} {mmm(w):>16}   {mmm(u):>16}   {mmm(rq):>20}   {statistics.median(jm):15.0f}   "
                  f"{statistics.median(jt):10.0f}")
