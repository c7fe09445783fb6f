#!/usr/bin/env python3
"""What a signing-key rotation costs while a server signs under load (docs/operations.md#key-rotation).

Starts one Ninsho server (SQLite, fast password hash, --key-refresh-seconds 1), makes a pool, a client and a user,
then runs sign-ins (InitiateAuth USER_PASSWORD_AUTH: a password check and two RS256 signatures) from THREADS
threads for SECONDS seconds, twice: once as is, once with POST /_ninsho/keys/rotate in the middle. Prints the
sign-ins per second of each run, per second, the slowest call around the rotation, and the load average.

    dotnet build -c Release src/Ninsho.Server
    python3 bench/rotation-under-load.py [path/to/Ninsho.Server.dll]
"""
import json, os, socket, subprocess, sys, tempfile, threading, time, urllib.request

DLL = sys.argv[1] if len(sys.argv) > 1 else "src/Ninsho.Server/bin/Release/net10.0/Ninsho.Server.dll"
SECONDS, THREADS = 10, 4


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, op, body):
    req = urllib.request.Request(base + "/", json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService." + op})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")


def post(base, path):
    with urllib.request.urlopen(urllib.request.Request(base + path, b"", method="POST"), timeout=30) as r:
        return json.loads(r.read())


def run(base, client, rotate_pool):
    stop = time.monotonic() + SECONDS
    start = time.monotonic()
    done, lock, rotated_at = [], threading.Lock(), []
    auth = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client, "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Final-Pass1!"}}

    def worker():
        while time.monotonic() < stop:
            t0 = time.monotonic()
            call(base, "InitiateAuth", auth)
            t1 = time.monotonic()
            with lock:
                done.append((t1 - start, t1 - t0))

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    if rotate_pool:
        time.sleep(SECONDS / 2)
        rotated_at.append(time.monotonic() - start)
        post(base, f"/_ninsho/keys/rotate?pool={rotate_pool}&grace=1h")
    for t in threads:
        t.join()
    per_second = [sum(1 for at, _ in done if s <= at < s + 1) for s in range(SECONDS)]
    around = [lat for at, lat in done if rotated_at and rotated_at[0] - 0.5 <= at <= rotated_at[0] + 2.5]
    return len(done) / SECONDS, per_second, max(around) * 1000 if around else None, max(l for _, l in done) * 1000


def main():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        server = subprocess.Popen(["dotnet", DLL, "serve", "--port", str(port), "--data-dir", data, "--insecure-fast-password-hash",
                                   "--key-refresh-seconds", "1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in server.stdout:
                if "Ninsho listening on" in line:
                    break
            pool = call(base, "CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
            client = call(base, "CreateUserPoolClient", {"UserPoolId": pool, "ClientName": "app",
                                                         "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})["UserPoolClient"]["ClientId"]
            call(base, "AdminCreateUser", {"UserPoolId": pool, "Username": "alice", "MessageAction": "SUPPRESS"})
            call(base, "AdminSetUserPassword", {"UserPoolId": pool, "Username": "alice", "Password": "Final-Pass1!", "Permanent": True})
            run(base, client, None)  # warm-up
            for label, rotate in (("no rotation", None), ("rotation at 5 s", pool), ("no rotation", None), ("rotation at 5 s", pool)):
                rate, per_second, around, slowest = run(base, client, rotate)
                extra = f", slowest call within 0.5 s before / 2.5 s after the rotation {around:.1f} ms" if around else ""
                print(f"{label:16} {rate:7.1f} sign-ins/s  per second {per_second}  slowest {slowest:.1f} ms{extra}  load average {os.getloadavg()}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
