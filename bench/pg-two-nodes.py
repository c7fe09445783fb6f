#!/usr/bin/env python3
"""Two Ninsho nodes on one PostgreSQL behind a loopback round-robin, against one node on SQLite; and the
PostgreSQL round trips of one sign-in, refresh and read.

  bench/pg-two-nodes.py [--dll PATH] [--users N] [--duration S] [--conns 16[,64]] [--rounds R] [--warmup S]
                        [--phases a,b] [--count K] [--pg-options "Key=Value;…"] [--synchronous-commit off|on]
                        [--pg-node-env NAME=VALUE …] [--no-bench] [--no-count]

Starts a throw-away PostgreSQL (scripts/start-test-postgres.sh, then restarted with fsync on and
synchronous_commit off: what SQLite's synchronous=NORMAL promises, an acknowledged write survives a crash of the
server process, not of the OS; and pg_stat_statements loaded when the build has it), one Ninsho node on SQLite and
two on that PostgreSQL (same build, --insecure-fast-password-hash, the same --public-url: the balancer's), and
HAProxy (Debian's; installed when missing and running as root) round-robin with keep-alive to both nodes. Each side
gets a pool, N users and their tokens (../shared/bench's helpers). Then per round, each phase runs under wrk
(../shared/bench/lib/cognito.lua) on the SQLite node and on the balancer, the order swapped every round so drift
hits both. Printed per phase: req/s, p50/p99 (medians of the rounds), the CPU ms per ok request of the Ninsho
processes (for the pair: both nodes together), of PostgreSQL's processes (postmaster and its children: the backends)
and of HAProxy, each from utime + stime in /proc, the ratios pair ÷ SQLite node, and the load average. The CPU
figures survive a shared machine; req/s does not. `openssl speed -seconds 3 rsa2048` runs before and after: every
sign-in and refresh signs two RS256 tokens, so cores × signs/s ÷ 2 is the signing ceiling.

Round trips (--count K, default 100): the pair and the SQLite node are stopped, a third node on the same database
with --metrics takes K requests of each operation one after the other, and the script prints per request the SQL
statements PostgreSQL ran (pg_stat_statements, each listed), the transactions (pg_stat_database, read after its
counters flush), the Ninsho storage calls (ninsho_storage_duration_seconds_count) and Npgsql's commands (its own
metrics). --pg-options appends to the nodes' connection string, to compare settings.
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402
import ninsho_bench as nb  # noqa: E402

OPS = {  # round-trip counting: phase → how to make one request of it
    "auth": lambda t, i, tok: ("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": t.client,
                                                "AuthParameters": {"USERNAME": cb.USER_FMT % i,
                                                                   "PASSWORD": cb.PASSWORD_FMT % i}}),
    "refresh": lambda t, i, tok: ("InitiateAuth", {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": t.client,
                                                   "AuthParameters": {"REFRESH_TOKEN": tok["refresh"][i % len(tok["refresh"])]}}),
    "admin_get": lambda t, i, tok: ("AdminGetUser", {"UserPoolId": t.pool, "Username": cb.USER_FMT % i}),
    "get_user": lambda t, i, tok: ("GetUser", {"AccessToken": tok["access"][i % len(tok["access"])]}),
}


def run(argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout


def as_owner(argv):
    """PostgreSQL's tools refuse root: run them as `postgres` then (the start script does the same)."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.getuid() == 0 else argv


class Postgres:
    def __init__(self, base, synchronous_commit):
        self.dir = os.path.join(base, "pg")
        os.makedirs(self.dir)
        os.chmod(base, 0o755)
        self.port = cb.free_port()
        out = run(["bash", os.path.join(root, "scripts/start-test-postgres.sh"), self.dir],
                  env={**os.environ, "NINSHO_PG_PORT": str(self.port)})
        self.conn = re.search(r"NINSHO_TEST_PG='([^']*)'", out).group(1)
        initdb = os.path.realpath(shutil.which("initdb") or sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1])
        self.bin = os.path.dirname(initdb)
        self.data = os.path.join(self.dir, "data")
        libdir = run([os.path.join(self.bin, "pg_config"), "--pkglibdir"]).strip() \
            if os.path.exists(os.path.join(self.bin, "pg_config")) else ""
        self.statements = bool(glob.glob(f"/usr/lib/postgresql/*/lib/pg_stat_statements.so")) or \
            (libdir and os.path.exists(os.path.join(libdir, "pg_stat_statements.so")))
        # Restarted with our settings: the test script's fsync=off is for throw-away test data only.
        run(as_owner([os.path.join(self.bin, "pg_ctl"), "stop", "-D", self.data, "-m", "fast", "-w"]))
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='{self.dir}' "
                f"-c max_connections=200 -c fsync=on -c full_page_writes=on -c synchronous_commit={synchronous_commit}")
        if self.statements:
            opts += " -c shared_preload_libraries=pg_stat_statements"
        run(as_owner([os.path.join(self.bin, "pg_ctl"), "start", "-D", self.data, "-l", os.path.join(self.dir, "server.log"),
                      "-w", "-t", "60", "-o", opts]))
        if self.statements:
            self.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;")
        self.version = self.sql("SHOW server_version;").strip()

    def sql(self, text):
        return run([os.path.join(self.bin, "psql"), "-X", "-q", "-At", "-F", "\t", "-h", "127.0.0.1", "-p", str(self.port),
                    "-U", "postgres", "-d", "postgres", "-c", text])

    @property
    def pid(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def stop(self):
        subprocess.run(as_owner([os.path.join(self.bin, "pg_ctl"), "stop", "-D", self.data, "-m", "fast", "-w"]),
                       capture_output=True)


def haproxy_binary():
    found = shutil.which("haproxy") or (os.path.exists("/usr/sbin/haproxy") and "/usr/sbin/haproxy")
    if found:
        return found
    if os.getuid() != 0:
        raise SystemExit("haproxy is missing: apt-get install -y haproxy")
    cb.log("installing haproxy (apt-get)")
    subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "haproxy"], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("haproxy") or "/usr/sbin/haproxy"


class Balancer:
    """HAProxy in the foreground: round-robin per request, keep-alive and connection reuse towards the nodes."""

    def __init__(self, base, port, backends):
        self.port, self.url = port, f"http://127.0.0.1:{port}/"
        cfg = os.path.join(base, "haproxy.cfg")
        servers = "\n".join(f"  server n{i} 127.0.0.1:{p} maxconn 200" for i, p in enumerate(backends, 1))
        with open(cfg, "w") as f:
            f.write(f"""global
  maxconn 2000
  nbthread 1
defaults
  mode http
  option http-keep-alive
  http-reuse always
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend bench
  bind 127.0.0.1:{port}
  default_backend nodes
backend nodes
  balance roundrobin
{servers}
""")
        self.log = open(os.path.join(base, "haproxy.log"), "ab")
        self.proc = subprocess.Popen([haproxy_binary(), "-db", "-f", cfg], stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        ep = cb.Endpoint(self.url)
        for _ in range(500):
            try:
                if ep.call("ListUserPools", {"MaxResults": 1}, timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError("haproxy answered no ListUserPools")

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.log.close()


def openssl_signs():
    out = subprocess.run(["openssl", "speed", "-seconds", "3", "rsa2048"], capture_output=True, text=True).stdout
    m = re.search(r"^rsa\s+2048 bits\s+\S+\s+\S+\s+([\d.]+)", out, re.M)
    return float(m.group(1)) if m else None


def measure(t, mode, conns, duration, groups):
    """wrk on one target; CPU seconds of each named group of processes (pid lists) over the phase."""
    before = {g: sum(cb.cpu_s(p) or 0 for p in pids) for g, pids in groups.items()}
    r = cb.wrk(t, mode, conns, duration)
    for g, pids in groups.items():
        spent = sum(cb.cpu_s(p) or 0 for p in pids) - before[g]
        r[f"cpu_ms_{g}"] = round(spent * 1000 / r["ok"], 3) if r["ok"] else None
    return r


def bench(a, dll, base, pg):
    sqlite = nb.start("sqlite", dll, [], base)
    lb_port = cb.free_port()
    conn = pg.conn + (";" + a.pg_options.strip(";") if a.pg_options else "")
    pair = []
    try:
        for n in ("pg1", "pg2"):
            pair.append(nb.start(n, dll, ["--postgres", conn, "--public-url", f"http://127.0.0.1:{lb_port}"], base,
                             dict(e.split("=", 1) for e in a.pg_node_env)))
        lb = Balancer(base, lb_port, [s.port for s in pair])
        pair_dir = os.path.join(base, "pg-pair")
        os.makedirs(pair_dir)
        try:
            targets = {"sqlite": nb.prepare("sqlite", sqlite.url, None, sqlite.cwd, a.users, 900),
                       "pg": nb.prepare("pg", lb.url, None, pair_dir, a.users, 900)}
            groups = {"sqlite": {"ninsho": [sqlite.pid]},
                      "pg": {"ninsho": [s.pid for s in pair], "postgres": [pg.pid], "lb": [lb.pid]}}
            phases = a.phases.split(",")
            conns = [int(c) for c in str(a.conns).split(",")]
            for c in conns:
                for mode in phases:
                    for name in ("sqlite", "pg"):
                        cb.wrk(targets[name], mode, c, a.warmup)  # JIT tiering, pools filled: not measured
            runs = {}
            for i in range(a.rounds):
                order = ("sqlite", "pg") if i % 2 == 0 else ("pg", "sqlite")
                for c in conns:
                    for mode in phases:
                        for name in order:
                            r = measure(targets[name], mode, c, a.duration, groups[name])
                            runs.setdefault((mode, c, name), []).append(r)
                            cb.log(f"round {i + 1} c{c} {mode} {name}: {r['ok_rps']} req/s, "
                                   f"{r['cpu_ms_ninsho']} ms Ninsho CPU/req"
                                   + (f", {r['cpu_ms_postgres']} ms PostgreSQL, {r['cpu_ms_lb']} ms HAProxy"
                                      if name == "pg" else "")
                                   + f", errors {r['errors']}, load {r['loadavg_after']}")
            return runs, conns, phases
        finally:
            lb.stop()
    finally:
        for s in [sqlite, *pair]:
            s.stop()


def med(rs, field):
    vals = [r[field] for r in rs if r.get(field) is not None]
    return statistics.median(vals) if vals else None


def report(a, runs, conns, phases):
    print(f"\n{a.rounds} rounds × {a.duration} s per phase and side, {a.users} users, wrk on the same cores; "
          "medians of the rounds. CPU = utime+stime ms per ok request; PG pair = both nodes; "
          "ratio = PG pair ÷ SQLite node\n")
    print("| phase | conns | req/s SQLite | req/s PG pair | ratio | p50/p99 ms SQLite | p50/p99 ms PG pair | "
          "CPU ms/req SQLite node | CPU ms/req PG nodes | ratio | CPU ms/req PostgreSQL | CPU ms/req HAProxy | "
          "errors | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    out = {}
    for c in conns:
        for mode in phases:
            s, p = runs[(mode, c, "sqlite")], runs[(mode, c, "pg")]
            rs, rp = med(s, "ok_rps"), med(p, "ok_rps")
            cs, cp = med(s, "cpu_ms_ninsho"), med(p, "cpu_ms_ninsho")
            loads = [r["loadavg_after"] for r in s + p]
            row = {"rps_sqlite": rs, "rps_pg": rp, "cpu_sqlite": cs, "cpu_pg_nodes": cp,
                   "cpu_postgres": med(p, "cpu_ms_postgres"), "cpu_haproxy": med(p, "cpu_ms_lb"),
                   "p50_sqlite": med(s, "p50_us"), "p99_sqlite": med(s, "p99_us"),
                   "p50_pg": med(p, "p50_us"), "p99_pg": med(p, "p99_us"),
                   "errors": sum(r["errors"] for r in s + p), "loadavg": loads}
            out[f"{mode}@c{c}"] = row
            print(f"| {mode} | {c} | {rs:.0f} | {rp:.0f} | {rp / rs:.2f}× | "
                  f"{row['p50_sqlite'] / 1000:.1f}/{row['p99_sqlite'] / 1000:.1f} | {row['p50_pg'] / 1000:.1f}/{row['p99_pg'] / 1000:.1f} | "
                  f"{cs:.3f} | {cp:.3f} | {cp / cs:.2f}× | {row['cpu_postgres']:.3f} | {row['cpu_haproxy']:.3f} | "
                  f"{row['errors']} | {min(loads):.1f}–{max(loads):.1f} |")
    return out


def scrape(url):
    """Counters of a Prometheus text page: series → value (only _count and _total series)."""
    with urllib.request.urlopen(url + "metrics", timeout=10) as r:
        text = r.read().decode()
    vals = {}
    for line in text.splitlines():
        m = re.match(r"^([a-zA-Z_:][\w:]*(?:_count|_total))(\{[^}]*\})?\s+([\d.eE+-]+)", line)
        if m:
            vals[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return vals


def xacts(pg):
    return sum(int(x) for x in pg.sql(
        "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = 'postgres';").split())


def count(a, dll, base, pg, flush_wait):
    """K requests of each operation on one node with --metrics; statements, transactions, storage calls per request."""
    conn = pg.conn + (";" + a.pg_options.strip(";") if a.pg_options else "")
    srv = nb.start("count", dll, ["--postgres", conn, "--metrics"], base)
    try:
        t = nb.prepare("count", srv.url, None, srv.cwd, 40, 900)
        tok = {k: open(os.path.join(t.workdir, f"{k}.tokens")).read().split() for k in ("refresh", "access")}
        result = {}
        for mode in a.count_ops.split(","):
            for i in range(1, 11):  # warm: pool connections open, statements prepared if they are
                st, d = t.ep.call(*OPS[mode](t, i, tok))
            time.sleep(flush_wait)
            x0, m0 = xacts(pg), scrape(srv.url)
            if pg.statements:
                pg.sql("SELECT pg_stat_statements_reset();")
            ok = 0
            for i in range(a.count):
                st, d = t.ep.call(*OPS[mode](t, 1 + i % t.users, tok))
                ok += st == 200
            m1 = scrape(srv.url)
            stmts = []
            if pg.statements:
                rows = pg.sql("SELECT calls, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                              "WHERE query NOT ILIKE '%pg_stat%' ORDER BY calls DESC, query;")
                stmts = [(int(c), q) for c, q in (line.split("\t", 1) for line in rows.splitlines() if "\t" in line)]
            time.sleep(flush_wait)
            # Our own psql sessions in between: the reset, the statements read, the count read itself.
            x1 = xacts(pg) - 2 - (1 if pg.statements else 0)
            calls = {k: v - m0.get(k, 0) for k, v in m1.items()
                     if k.startswith("ninsho_storage_duration_seconds_count") and v - m0.get(k, 0) > 0}
            npgsql = {k: v - m0.get(k, 0) for k, v in m1.items()
                      if k.startswith(("db_client", "npgsql")) and v - m0.get(k, 0) > 0}
            result[mode] = {"ok": ok, "statements": sum(c for c, _ in stmts) / a.count,
                            "transactions": (x1 - x0) / a.count,
                            "storage_calls": sum(calls.values()) / a.count,
                            "npgsql_commands": sum(v for k, v in npgsql.items()
                                                   if k.startswith("db_client_operation_duration_seconds_count")) / a.count,
                            "bytes_to_pg": sum(v for k, v in npgsql.items() if "bytes_written" in k) / a.count,
                            "bytes_from_pg": sum(v for k, v in npgsql.items() if "bytes_read" in k) / a.count,
                            "by_statement": [(round(c / a.count, 2), q) for c, q in stmts],
                            "by_storage_call": {re.search(r'call="([^"]*)"', k).group(1): round(v / a.count, 2)
                                                for k, v in calls.items()},
                            "npgsql": {k: round(v / a.count, 2) for k, v in npgsql.items()}}
            cb.log(f"count {mode}: " + json.dumps({k: v for k, v in result[mode].items() if not k.startswith("by_") and k != "npgsql"}))
        print(f"\nPostgreSQL round trips per request ({a.count} requests of each, one after the other, one node with "
              f"--metrics; connection string options: {a.pg_options or '(none added)'}):\n")
        print("| operation | SQL statements | transactions | storage calls | Npgsql commands | bytes to / from PostgreSQL |")
        print("|---|---:|---:|---:|---:|---:|")
        for mode, r in result.items():
            print(f"| {mode} | {r['statements']:.2f} | {r['transactions']:.2f} | {r['storage_calls']:.2f} | "
                  f"{r['npgsql_commands']:.2f} | {r['bytes_to_pg']:.0f} / {r['bytes_from_pg']:.0f} |")
        for mode, r in result.items():
            print(f"\n{mode}: storage calls " + ", ".join(f"{k} {v}" for k, v in r["by_storage_call"].items()))
            for c, q in r["by_statement"]:
                print(f"  {c:5.2f}  {q[:160]}")
        return result
    finally:
        srv.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dll", default=os.path.join(root, "src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll"))
    ap.add_argument("--users", type=int, default=300)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--conns", default="16", help="comma-separated wrk connection counts, e.g. 16,64")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=3, help="unmeasured seconds of each phase on each side first")
    ap.add_argument("--phases", default="admin_get,get_user,refresh,auth")
    ap.add_argument("--count", type=int, default=100, help="requests per operation for the round-trip count")
    ap.add_argument("--count-ops", default="auth,refresh,admin_get,get_user")
    ap.add_argument("--pg-options", default="", help="appended to the nodes' Npgsql connection string")
    ap.add_argument("--pg-node-env", action="append", default=[], metavar="NAME=VALUE",
                    help="environment of the two PostgreSQL nodes (repeatable), e.g. a .NET runtime knob")
    ap.add_argument("--synchronous-commit", default="off", choices=("off", "on"))
    ap.add_argument("--flush-wait", type=float, default=11.5,
                    help="seconds for PostgreSQL's per-backend counters to reach pg_stat_database")
    ap.add_argument("--no-bench", action="store_true")
    ap.add_argument("--no-count", action="store_true")
    a = ap.parse_args()
    cb.need_wrk()
    if not a.no_bench:
        haproxy_binary()
    base = tempfile.mkdtemp(prefix="ninsho-pg2-", dir="/tmp")
    pg = Postgres(base, a.synchronous_commit)
    result = {"postgres": pg.version, "pg_stat_statements": bool(pg.statements), "cores": os.cpu_count()}
    try:
        if not a.no_bench:
            result["openssl_signs_before"] = openssl_signs()
            runs, conns, phases = bench(a, a.dll, base, pg)
            result["openssl_signs_after"] = openssl_signs()
            result["phases"] = report(a, runs, conns, phases)
            s0, s1 = result["openssl_signs_before"], result["openssl_signs_after"]
            print(f"\nopenssl speed -seconds 3 rsa2048: {s0:.0f} signs/s before, {s1:.0f} after; signing ceiling "
                  f"{os.cpu_count()} cores × signs/s ÷ 2 tokens = {os.cpu_count() * s0 / 2:.0f}–{os.cpu_count() * s1 / 2:.0f} "
                  f"sign-ins or refreshes/s. PostgreSQL {pg.version}, synchronous_commit={a.synchronous_commit}, fsync on.")
        if not a.no_count:
            result["round_trips"] = count(a, a.dll, base, pg, a.flush_wait)
        print("\n" + json.dumps(result, indent=1))
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
