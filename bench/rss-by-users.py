#!/usr/bin/env python3
"""Resident memory of one Ninsho server by directory size: is the memory per user independent of the user count?

  bench/rss-by-users.py [--sizes 1000,10000,100000] [--dll PATH | --cmd 'CMD with {port} and {dir}']

Starts the built server (fast hash, fresh data folder), then for each size: grows the pool to that many users
(AdminCreateUser + AdminSetUserPassword, 8 threads), runs the same read load at each size (AdminGetUser, GetUser
and REFRESH_TOKEN_AUTH with wrk, c16, a few seconds each, users drawn from the whole directory) and prints the
RSS after it. The target (issue 6): RSS at 100,000 users ≤ RSS at 1,000 users + 20 %. Not a test: growing to
100,000 users takes minutes (about 100,000 ÷ the users-created rate).
"""
import argparse
import os
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", default=os.path.join(root, "src/Ninsho.Server/bin/publish/Ninsho.Server.dll"))
    ap.add_argument("--cmd", help="server command with {port} and {dir}; replaces --dll")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--duration", type=int, default=5)
    a = ap.parse_args()
    cb.need_wrk()
    base = tempfile.mkdtemp(prefix="ninsho-rss-", dir="/tmp")
    port = cb.free_port()
    cmd = a.cmd or f"dotnet {a.dll} serve --port {{port}} --data-dir {{dir}} --insecure-fast-password-hash"
    argv = cmd.replace("{port}", str(port)).replace("{dir}", os.path.join(base, "data")).split()
    srv = cb.Server("ninsho", argv, {}, base, port)
    srv.start()
    rows = [("idle", 0, cb.rss_mib(srv.pid))]
    try:
        t = cb.Target("ninsho", srv.url, srv.pid, base)
        cb.setup_pool(t)
        for size in (int(x) for x in a.sizes.split(",")):
            r = cb.create_users(t, size, 8, 24 * 3600)
            if not r["complete"]:
                raise SystemExit(f"could not create {size} users: {r['first_error']}")
            cb.collect_tokens(t, 200)
            for mode in ("admin_get", "get_user", "refresh"):
                cb.wrk(t, mode, 16, a.duration)
            rows.append((f"{size} users", size, cb.rss_mib(srv.pid)))
            cb.log(f"RSS at {size} users after the read load: {rows[-1][2]} MiB")
    finally:
        srv.stop()
    first = next((r for r in rows if r[1] > 0), None)
    print("| directory | RSS MiB | vs first size |")
    print("|---|---|---|")
    for label, size, rss in rows:
        ratio = f"{rss / first[2]:.2f}×" if first and size > 0 else ""
        print(f"| {label} | {rss} | {ratio} |")


if __name__ == "__main__":
    main()
