#!/usr/bin/env python3
"""Does the response time of a password sign-in tell whether the user exists?

Starts a Ninsho server on 127.0.0.1 with the DEFAULT password hash (PBKDF2-SHA256, 600,000 iterations, no
--insecure-fast-password-hash), creates a pool whose client has PreventUserExistenceErrors ENABLED and N users,
then times, alternately, N USER_PASSWORD_AUTH sign-ins of a known user with a wrong password (a different user
each time, so the lockout never answers early) and N of an unknown user. Prints median, p10 and p90 of each, in
milliseconds, and the ratio of the medians. Raw HTTP (urllib), nothing to install.

  bench/user-existence-timing.py --dll src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll [--n 40]
  bench/user-existence-timing.py --dll A.dll --dll B.dll        # several builds, one after the other

Not a test: nothing here asserts on time (tests count hash verifications instead, PasswordHashCostTests).
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

PASSWORD = "Perm#Pass123"
WRONG = "Wrong#Pass123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, operation, body):
    request = urllib.request.Request(base + "/", data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation,
    })
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def ok(base, operation, body):
    status, answer = call(base, operation, body)
    if status != 200:
        raise SystemExit(f"{operation}: HTTP {status} {answer}")
    return answer


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def sign_in(base, client, username):
    started = time.perf_counter()
    status, answer = call(base, "InitiateAuth", {
        "ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": username, "PASSWORD": WRONG},
    })
    elapsed = (time.perf_counter() - started) * 1000
    if (status, answer.get("__type"), answer.get("message")) != (400, "NotAuthorizedException", "Incorrect username or password."):
        raise SystemExit(f"{username}: unexpected answer HTTP {status} {answer}")
    return elapsed


def run(dll, n, warmup):
    base_dir = tempfile.mkdtemp(prefix="ninsho-existence-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(base_dir, "server.log"), "w")
    server = subprocess.Popen(["dotnet", dll, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--data-dir", os.path.join(base_dir, "data")], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2):
                    break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit(f"server did not start; see {log.name}")
                time.sleep(0.1)
        pool = ok(base, "CreateUserPool", {"PoolName": "existence-timing"})["UserPool"]["Id"]
        client = ok(base, "CreateUserPoolClient", {
            "UserPoolId": pool, "ClientName": "bench", "PreventUserExistenceErrors": "ENABLED",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        })["UserPoolClient"]["ClientId"]
        users = [f"user{i:04d}" for i in range(n + warmup)]
        for user in users:
            ok(base, "AdminCreateUser", {"UserPoolId": pool, "Username": user, "MessageAction": "SUPPRESS"})
            ok(base, "AdminSetUserPassword", {"UserPoolId": pool, "Username": user, "Password": PASSWORD, "Permanent": True})
        for i in range(warmup):
            sign_in(base, client, users[n + i])
            sign_in(base, client, f"ghost-warmup-{i}")
        known, unknown = [], []
        for i in range(n):
            known.append(sign_in(base, client, users[i]))
            unknown.append(sign_in(base, client, f"ghost{i:04d}"))
        return known, unknown
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(base_dir, ignore_errors=True)


def describe(values):
    return (f"median {statistics.median(values):7.1f}  p10 {percentile(values, 0.10):7.1f}  "
            f"p90 {percentile(values, 0.90):7.1f}  (n={len(values)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dll", action="append", required=True, help="Ninsho.Server.dll to run (repeatable)")
    parser.add_argument("--n", type=int, default=40, help="sign-ins of each kind (default 40)")
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    for dll in args.dll:
        known, unknown = run(dll, args.n, args.warmup)
        print(dll)
        print(f"  known user, wrong password  ms: {describe(known)}")
        print(f"  unknown user                ms: {describe(unknown)}")
        print(f"  median unknown / known: {statistics.median(unknown) / statistics.median(known):.3f}")


if __name__ == "__main__":
    main()
