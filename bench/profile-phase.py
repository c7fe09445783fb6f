#!/usr/bin/env python3
"""Where the server's CPU goes in one load phase: a perf profile of the server under wrk.

  bench/profile-phase.py [--dll PATH] [--phase auth|refresh|admin_get|get_user] [--users N] [--duration S]
                         [--conns C] [--warmup S] [--top K] [--out DIR]

Starts the built server (fast hash, fresh data folder, DOTNET_PerfMapEnabled=1 so JIT-compiled methods have
names), creates N users with ../shared/bench's helpers, warms the phase up (tier-1 JIT), then records
`perf record -F 999 -g` of the server process while wrk runs the phase, and prints the server's CPU ms per answered
request and the top K symbols by self time, grouped into buckets (RSA signing in libcrypto, other libcrypto,
SQLite, the GC, the kernel, JSON, Kestrel/HTTP, everything else). Needs `perf` (Debian's linux-perf). Not a test.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402

BUCKETS = [
    ("libcrypto (RS256 signing, hashes)", lambda dso, sym: "libcrypto" in dso),
    ("JIT compiler (tiering)", lambda dso, sym: "libclrjit" in dso),
    ("runtime (GC, stubs, type system)", lambda dso, sym: "libcoreclr" in dso),
    ("SQLite engine", lambda dso, sym: "sqlite" in dso.lower()),
    ("libc (malloc, memcpy)", lambda dso, sym: "libc.so" in dso),
    ("kernel (sockets, futex, fsync)", lambda dso, sym: "kernel" in dso),
    ("managed: Ninsho", lambda dso, sym: "[Ninsho." in sym),
    ("managed: Kestrel / ASP.NET Core", lambda dso, sym: "[Microsoft.AspNetCore" in sym or "[System.IO.Pipelines" in sym),
    ("managed: System.Text.Json", lambda dso, sym: "[System.Text.Json" in sym),
    ("managed: SQLite ADO.NET", lambda dso, sym: "Sqlite" in sym or "SQLitePCL" in sym),
    ("managed: crypto wrappers", lambda dso, sym: "Cryptography" in sym or "Cryptography" in dso),
    ("managed: other", lambda dso, sym: sym.startswith(("instance", "void", "class", "bool", "int", "valuetype", "string", "!", "uint", "stub", "native"))
     or "perf-" in dso or "memfd" in dso or ".dll" in dso),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", default=os.path.join(root, "src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll"))
    ap.add_argument("--exe", default=None, help="a native executable to profile instead (the Native AOT build)")
    ap.add_argument("--phase", default="refresh")
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--conns", type=int, default=16)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--top", type=int, default=45)
    ap.add_argument("--out", default=None)
    ap.add_argument("--extra", default="", help="extra server arguments")
    a = ap.parse_args()
    cb.need_wrk()
    base = tempfile.mkdtemp(prefix="ninsho-prof-", dir="/tmp")
    out = a.out or base
    os.makedirs(out, exist_ok=True)
    port = cb.free_port()
    argv = [*([a.exe] if a.exe else ["dotnet", a.dll]), "serve", "--port", str(port), "--data-dir", os.path.join(base, "data"),
            "--insecure-fast-password-hash", *a.extra.split()]
    srv = cb.Server("ninsho", argv, {"DOTNET_PerfMapEnabled": "1", "DOTNET_EnableWriteXorExecute": "0"}, base, port)
    srv.start()
    try:
        t = cb.Target("ninsho", srv.url, srv.pid, base)
        cb.setup_pool(t)
        cb.create_users(t, a.users, 8, 600)
        cb.collect_tokens(t, min(a.users, 200))
        cb.wrk(t, a.phase, a.conns, a.warmup)
        perf_map = f"/tmp/perf-{srv.pid}.map"
        map_before = sum(1 for _ in open(perf_map)) if os.path.exists(perf_map) else 0
        data = os.path.join(out, "perf.data")
        rec = subprocess.Popen(["perf", "record", "-q", "-F", "999", "-g", "-o", data, "-p", str(srv.pid)],
                               stdout=subprocess.DEVNULL)
        r = cb.wrk(t, a.phase, a.conns, a.duration)
        rec.send_signal(2)
        rec.wait()
        print(f"phase {a.phase} c{a.conns}: {r['ok_rps']:.0f} req/s, server CPU {r['server_cpu_ms_per_ok']:.3f} ms per ok "
              f"request, load {cb.loadavg()}")
        new = open(perf_map).read().splitlines()[map_before:] if os.path.exists(perf_map) else []
        print(f"methods compiled during the measured phase: {len(new)}")
        for line in new[:40]:
            print("   ", line.split(" ", 2)[-1][:150])
        rep = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso,symbol", "--stdio",
                              "-g", "none", "--percent-limit", "0.01"], capture_output=True, text=True).stdout
        rows = []
        for line in rep.splitlines():
            m = re.match(r"\s*([\d.]+)%\s+(.+?)\s{2,}\[(.)\]\s+(.*?)\s*$", line)
            if m:
                rows.append((float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()))
        rows = [(pct, dso, kind, re.sub(r"(\s+-)+$", "", sym)) for pct, dso, kind, sym in rows]
        buckets = collections.OrderedDict((name, 0.0) for name, _ in BUCKETS)
        buckets["other"] = 0.0
        for pct, dso, kind, sym in rows:
            for name, test in BUCKETS:
                if test(dso, sym):
                    buckets[name] += pct
                    break
            else:
                buckets["other"] += pct
        ms = r["server_cpu_ms_per_ok"]
        by_dso = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso", "--stdio", "-g", "none"],
                                capture_output=True, text=True).stdout
        print("\nby library (all samples)            % of samples   ms per request")
        for line in by_dso.splitlines():
            m = re.match(r"\s*([\d.]+)%\s+(.+?)\s*$", line)
            if m and float(m.group(1)) >= 0.1:
                name = "managed code (JIT-compiled)" if m.group(2).startswith("[JIT]") else m.group(2)
                print(f"  {name:<34} {float(m.group(1)):6.1f}%   {ms * float(m.group(1)) / 100:7.3f}")
        print("\nbucket (symbols of 0.01 % and more) % of samples   ms per request")
        for name, pct in buckets.items():
            print(f"  {name:<30} {pct:6.1f}%   {ms * pct / 100:7.3f}")
        print(f"\ntop {a.top} symbols outside libcrypto (self):")
        for pct, dso, kind, sym in [r for r in rows if "libcrypto" not in r[1]][: a.top]:
            print(f"  {pct:6.2f}%  {dso[:28]:<28} {sym[:110]}")
        print(f"\nperf data: {data}")
    finally:
        srv.stop()


if __name__ == "__main__":
    main()
