"""The test-control API from Python (docs/test-control.md): reset, wait for a verification code, expire a token.

Usage: python3 test_control.py http://127.0.0.1:9229   (a server started with --seed examples/seed.yaml)
boto3 for Cognito, urllib for the /_ninsho/ routes.
"""
import json
import sys
import time
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9229"
CLIENT_ID = "exampleclient0000000000001"


def control(method, path):
    request = urllib.request.Request(BASE + path, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


cognito = boto3.client(
    "cognito-idp", endpoint_url=BASE, region_name="ap-northeast-1",
    aws_access_key_id="x", aws_secret_access_key="x", config=Config(retries={"max_attempts": 1}))

# 1. A known state.
control("POST", "/_ninsho/reset")

# 2. Sign up, wait for the code, confirm.
email = "py-%d@example.com" % int(time.time() * 1000)
cognito.sign_up(ClientId=CLIENT_ID, Username=email, Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": email}])
messages = control("GET", "/_ninsho/outbox?recipient=%s&wait=20" % urllib.parse.quote(email))["Messages"]
assert messages and len(messages[0]["Code"]) == 6, messages
cognito.confirm_sign_up(ClientId=CLIENT_ID, Username=email, ConfirmationCode=messages[0]["Code"])

# 3. Sign in; an hour and a minute later (server time) the access token is refused.
tokens = cognito.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId=CLIENT_ID,
                               AuthParameters={"USERNAME": email, "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
cognito.get_user(AccessToken=tokens["AccessToken"])
control("POST", "/_ninsho/clock?advance=61m")
try:
    cognito.get_user(AccessToken=tokens["AccessToken"])
    raise AssertionError("the access token still works after the clock moved")
except cognito.exceptions.NotAuthorizedException as e:
    assert e.response["Error"]["Message"] == "Access Token has expired", e.response

control("POST", "/_ninsho/reset")
print("ok: reset, code, expired token")
