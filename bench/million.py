#!/usr/bin/env python3
"""A million users in one pool: import rate and ListUsers-with-filter latency as the pool grows, next to moto.

Ninsho: a fresh server (SQLite in a temp folder, or PostgreSQL with NINSHO_POSTGRES) is filled through user
import jobs (CreateUserImportJob, PUT of the CSV to the PreSignedUrl, StartUserImportJob, DescribeUserImportJob
until Succeeded), one job per growth step, up to each size in SIZES. At each size, ListUsers with
Filter 'email = "userN@bench.example"' (a random existing N) is called QUERIES times, one at a time, and p50/p99
are printed. moto: moto_server is filled with AdminCreateUser for MOTO_BUDGET seconds (it has no import jobs), then
the same ListUsers figure is taken at the size it reached. Standard library only; stops what it started.

Settings (environment): SIZES (default "1000 100000 1000000"), QUERIES (500), MOTO_QUERIES (50),
MOTO_BUDGET (180 s), DLL (the server dll; default the Release build, else Debug), NINSHO_POSTGRES, PEERS ("moto"
or "none").
"""
import json, os, random, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = "AWSCognitoIdentityProviderService."


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, op, body, timeout=120):
    req = urllib.request.Request(base + "/", json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + op,
        # moto reads the region from the signature's credential scope.
        "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"{}")


def wait_up(base, proc, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            call(base, "ListUserPools", {"MaxResults": 1}, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def percentiles(samples):
    s = sorted(samples)
    return s[len(s) // 2] * 1000, s[min(len(s) - 1, int(len(s) * 0.99))] * 1000


def list_latency(base, pool, n, queries):
    lat = []
    for _ in range(queries):
        i = random.randrange(n)
        t = time.perf_counter()
        users = call(base, "ListUsers", {"UserPoolId": pool, "Filter": f'email = "user{i:07d}@bench.example"'})["Users"]
        lat.append(time.perf_counter() - t)
        if len(users) != 1:
            raise SystemExit(f"ListUsers for user{i:07d} returned {len(users)} users")
    return percentiles(lat)


def import_users(base, pool, start, end):
    job = call(base, "CreateUserImportJob", {"UserPoolId": pool, "JobName": f"bench-{end}",
                                              "CloudWatchLogsRoleArn": "arn:aws:iam::000000000000:role/bench"})["UserImportJob"]
    lines = ["cognito:username,email,email_verified,cognito:mfa_enabled"]
    lines += [f"user{i:07d},user{i:07d}@bench.example,true,false" for i in range(start, end)]
    body = ("\n".join(lines) + "\n").encode()
    t0 = time.time()
    req = urllib.request.Request(job["PreSignedUrl"], body, method="PUT", headers={"x-amz-server-side-encryption": "aws:kms"})
    urllib.request.urlopen(req, timeout=600).read()
    call(base, "StartUserImportJob", {"UserPoolId": pool, "JobId": job["JobId"]})
    while True:
        d = call(base, "DescribeUserImportJob", {"UserPoolId": pool, "JobId": job["JobId"]})["UserImportJob"]
        if d["Status"] in ("Succeeded", "Failed", "Stopped"):
            break
        time.sleep(0.5)
    took = time.time() - t0
    if d["Status"] != "Succeeded" or d["ImportedUsers"] != end - start:
        raise SystemExit(f"import job ended {d['Status']} with {d.get('ImportedUsers')} imported: {d.get('CompletionMessage')}")
    return took


def ninsho(sizes, queries):
    dll = os.environ.get("DLL") or next((p for p in (
        f"{ROOT}/src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll",
        f"{ROOT}/src/Ninsho.Server/bin/Debug/net10.0/Ninsho.Server.dll") if os.path.exists(p)), None)
    if not dll:
        raise SystemExit("build the server first: dotnet build -c Release src/Ninsho.Server")
    data = tempfile.mkdtemp(prefix="ninsho-million-")
    port = free_port()
    args = ["dotnet", dll, "serve", "--port", str(port), "--data-dir", data]
    if os.environ.get("NINSHO_POSTGRES"):
        args += ["--postgres", os.environ["NINSHO_POSTGRES"]]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        wait_up(base, proc)
        pool = call(base, "CreateUserPool", {"PoolName": "million"})["UserPool"]["Id"]
        have = 0
        for size in sizes:
            took = import_users(base, pool, have, size)
            rate = (size - have) / took
            have = size
            p50, p99 = list_latency(base, pool, have, queries)
            count = call(base, "DescribeUserPool", {"UserPoolId": pool})["UserPool"]["EstimatedNumberOfUsers"]
            rows.append(("ninsho", size, rate, p50, p99, count))
            print(f"ninsho {size:>9,} users: import {rate:,.0f} users/s, ListUsers filter p50 {p50:.2f} ms p99 {p99:.2f} ms, "
                  f"EstimatedNumberOfUsers {count:,}", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(data, ignore_errors=True)
    return rows


def moto(budget, queries):
    exe = shutil.which("moto_server")
    if not exe:
        print("moto_server not on PATH: moto skipped")
        return []
    port = free_port()
    proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, proc)
        pool = call(base, "CreateUserPool", {"PoolName": "million"})["UserPool"]["Id"]
        n, t0 = 0, time.time()
        while time.time() - t0 < budget:
            call(base, "AdminCreateUser", {"UserPoolId": pool, "Username": f"user{n:07d}", "MessageAction": "SUPPRESS",
                                          "UserAttributes": [{"Name": "email", "Value": f"user{n:07d}@bench.example"}]})
            n += 1
        rate = n / (time.time() - t0)
        p50, p99 = list_latency(base, pool, n, queries)
        print(f"moto   {n:>9,} users (AdminCreateUser for {budget:.0f} s): {rate:,.0f} users/s, "
              f"ListUsers filter p50 {p50:.2f} ms p99 {p99:.2f} ms", flush=True)
        return [("moto", n, rate, p50, p99, n)]
    finally:
        proc.terminate()
        proc.wait(30)


def main():
    sizes = [int(s) for s in os.environ.get("SIZES", "1000 100000 1000000").split()]
    rows = ninsho(sizes, int(os.environ.get("QUERIES", "500")))
    if os.environ.get("PEERS", "moto") != "none":
        rows += moto(float(os.environ.get("MOTO_BUDGET", "180")), int(os.environ.get("MOTO_QUERIES", "50")))
    print()
    print("| server | users | load rate (users/s) | ListUsers filter p50 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, n, rate, p50, p99, _ in rows:
        print(f"| {name} | {n:,} | {rate:,.0f} | {p50:.2f} | {p99:.2f} |")


if __name__ == "__main__":
    main()
