"""Runs the AWS CLI's own entry point for the tests without paying Python's start-up on every call.

The `aws` program is `awscli.clidriver.main()`: build a driver, run `driver.main(argv)`, exit with its code.
Importing awscli and building the driver costs ~0.7 s of CPU, which used to be most of the suite's time. This
process does it once, then serves a Unix socket: each connection is forked (socketserver's ForkingMixIn), so
every call runs in a fresh copy of the warm driver and leaves nothing behind for the next one. The child runs
the unchanged `driver.main(argv)` and answers one JSON line: exit code, stdout, stderr.

Usage: python3 aws_cli_zygote.py SOCKET_PATH   (prints "ready" on stdout once it listens; exits when its parent
does). The environment (dummy credentials, no config files, retries off) is the caller's, as for `aws`.
"""

import io
import json
import os
import signal
import socketserver
import sys
import traceback

from awscli.clidriver import create_clidriver

CALL_TIMEOUT_SECONDS = 60


def run(argv):
    """One CLI call in this (forked) process, with stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        code = DRIVER.main(argv)
    except SystemExit as e:  # argparse's usage errors exit, as they do from the `aws` program
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # noqa: BLE001 - the caller sees the traceback as stderr and a failing exit code
        err.write(traceback.format_exc())
        code = 255
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    return {"exitCode": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


class CallHandler(socketserver.StreamRequestHandler):
    def handle(self):
        signal.alarm(CALL_TIMEOUT_SECONDS)  # the forked child dies rather than hang; the caller sees end-of-file
        request = json.loads(self.rfile.readline())
        self.wfile.write(json.dumps(run(request["args"])).encode("utf-8") + b"\n")


class Zygote(socketserver.ForkingMixIn, socketserver.UnixStreamServer):
    max_children = 64
    parent = os.getppid()

    def service_actions(self):
        super().service_actions()
        if os.getppid() != self.parent:  # the test process is gone: so are we
            os._exit(0)


def warm(driver):
    """Loads what every call needs (the two services' models, the endpoint and retry data) before forking, by
    running one call per service against a closed port."""
    for service, operation in (("cognito-idp", "list-user-pools"), ("cognito-identity", "list-identity-pools")):
        result = run(["--endpoint-url", "http://127.0.0.1:9", service, operation, "--max-results", "1"])
        if result["exitCode"] == 0 or "Could not connect" not in result["stderr"]:
            raise SystemExit(f"warming the AWS CLI failed: {result}")
    return driver


if __name__ == "__main__":
    socket_path = sys.argv[1]
    sys.argv = ["aws"]  # argparse names the program in usage errors, as the `aws` program's do
    DRIVER = create_clidriver()
    warm(DRIVER)
    with Zygote(socket_path, CallHandler) as server:
        print("ready", flush=True)
        server.serve_forever(poll_interval=0.5)
