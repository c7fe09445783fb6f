"""What Ninsho's own benchmark scripts share: start a built server in a fresh folder, give it ../shared/bench's pool,
users and tokens. Standard library only; imported by bench/*.py (not a benchmark itself)."""
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "..", "shared", "bench", "lib"))
import cognito_bench as cb  # noqa: E402


def start(name, dll, extra, base, env=None):
    """Starts `dotnet DLL serve`, or `DLL serve` when it is a native executable (the Native AOT build), with the fast
    hash, data in base/name, a free loopback port and `extra` arguments."""
    port = cb.free_port()
    folder = os.path.join(base, name)
    os.makedirs(folder)
    argv = [*(["dotnet", dll] if dll.endswith(".dll") else [dll]), "serve", "--port", str(port), "--data-dir", os.path.join(folder, "data"),
            "--insecure-fast-password-hash", *extra]
    srv = cb.Server(name, argv, env or {}, folder, port)
    srv.start()
    return srv


def prepare(name, url, pid, workdir, users, budget_s=600):
    """The benchmark pool and client, `users` users and up to 200 refresh tokens; exits when any is missing."""
    t = cb.Target(name, url, pid, workdir)
    cb.setup_pool(t)
    r = cb.create_users(t, users, 8, budget_s)
    if r["created"] < users:
        raise SystemExit(f"{name}: created {r['created']} of {users} users: {r.get('first_error')}")
    if cb.collect_tokens(t, min(users, 200)):
        raise SystemExit(f"{name}: no refresh tokens")
    return t
