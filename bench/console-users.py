#!/usr/bin/env python3
"""The web console's users page at 1,000 and 100,000 users: how long the page takes to load (server time, one
request at a time, as a browser asks for it) for the first page, the next page (its PaginationToken link), a
filtered list (ListUsers Filter 'email = "…"') and one user's page.

A fresh server (SQLite in a temp folder; DLL as in million.py) is filled through user import jobs (million.py's
import_users), then each page is fetched REQUESTS times (default 50) and p50/p99 printed. Settings (environment):
SIZES (default "1000 100000"), REQUESTS, DLL. Standard library only; stops what it started.
"""
import html, os, random, re, shutil, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from million import ROOT, call, free_port, import_users, percentiles, wait_up  # noqa: E402


def get(url):
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = r.read().decode()
    return time.perf_counter() - t, body


def timed(url, requests):
    for _ in range(3):  # warm-up: the first renders of a page JIT its code
        get(url)
    samples, body = [], ""
    for _ in range(requests):
        took, body = get(url)
        samples.append(took)
    return percentiles(samples), body


def main():
    sizes = [int(s) for s in os.environ.get("SIZES", "1000 100000").split()]
    requests = int(os.environ.get("REQUESTS", "50"))
    dll = os.environ.get("DLL") or next((p for p in (
        f"{ROOT}/src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll",
        f"{ROOT}/src/Ninsho.Server/bin/Debug/net10.0/Ninsho.Server.dll") if os.path.exists(p)), None)
    if not dll:
        raise SystemExit("build the server first: dotnet build -c Release src/Ninsho.Server")
    data = tempfile.mkdtemp(prefix="ninsho-console-bench-")
    port = free_port()
    proc = subprocess.Popen(["dotnet", dll, "serve", "--port", str(port), "--data-dir", data],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        wait_up(base, proc)
        pool = call(base, "CreateUserPool", {"PoolName": "console-bench"})["UserPool"]["Id"]
        users = f"{base}/_ninsho/console/pools/{pool}/users"
        have = 0
        for size in sizes:
            import_users(base, pool, have, size)
            have = size
            first, body = timed(users, requests)
            next_link = html.unescape(re.search(r'id="next" href="([^"]+)"', body).group(1))
            following, _ = timed(base + next_link, requests)
            n = random.randrange(size)
            filtered, body = timed(users + "?filter=" + urllib.request.quote(f'email = "user{n:07d}@bench.example"'), requests)
            if f"user{n:07d}" not in body:
                raise SystemExit("the filtered page does not list the user")
            user, _ = timed(f"{base}/_ninsho/console/pools/{pool}/user?username=user{n:07d}", requests)
            for name, (p50, p99) in (("first page", first), ("next page", following), ("filter", filtered), ("user page", user)):
                rows.append((size, name, p50, p99))
                print(f"{size:>7,} users, {name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(data, ignore_errors=True)
    print()
    print("| users | page | p50 (ms) | p99 (ms) |")
    print("|---:|---|---:|---:|")
    for size, name, p50, p99 in rows:
        print(f"| {size:,} | {name} | {p50:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
