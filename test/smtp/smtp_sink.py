#!/usr/bin/python3
"""A loopback SMTP sink for Ninsho's wire tests, on Debian's python3-aiosmtpd (scripts/setup.sh installs it).

    /usr/bin/python3 test/smtp/smtp_sink.py PORT MAIL_DIR [USER:PASSWORD]

Every message it accepts is written to MAIL_DIR/<n>.json as {"mail_from", "rcpt_tos", "data"} (data is the raw
message). With USER:PASSWORD it requires SMTP AUTH (PLAIN or LOGIN, allowed without TLS on loopback) and refuses
other credentials. With SMTP_SINK_DELAY=SECONDS in the environment it waits that long before accepting each message
(a slow mail server). Prints "smtp-sink ready on PORT" once it accepts connections; stops on SIGTERM or stdin EOF.
"""
import asyncio
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, mail_dir):
        self.mail_dir = mail_dir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        delay = float(os.environ.get("SMTP_SINK_DELAY", "0"))
        if delay > 0:
            await asyncio.sleep(delay)
        with self.lock:
            self.count += 1
            n = self.count
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": envelope.content.decode("utf-8", errors="replace"),
        }
        tmp = os.path.join(self.mail_dir, f"{n}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(tmp, os.path.join(self.mail_dir, f"{n}.json"))
        return "250 Message accepted for delivery"


def authenticator_for(expected_user, expected_password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == expected_user
              and auth_data.password.decode() == expected_password)
        return AuthResult(success=ok, handled=False)
    return authenticate


def main():
    port, mail_dir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(mail_dir, exist_ok=True)
    kwargs = {}
    if len(sys.argv) > 3:
        user, password = sys.argv[3].split(":", 1)
        kwargs = dict(authenticator=authenticator_for(user, password), auth_required=True, auth_require_tls=False)
    controller = Controller(Sink(mail_dir), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print(f"smtp-sink ready on {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
