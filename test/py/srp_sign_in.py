#!/usr/bin/env python3
"""USER_SRP_AUTH through boto3, with the client half of SRP-6a computed here in plain Python (independent of
Ninsho's C#), answering PASSWORD_VERIFIER without a Session as pycognito does.

Usage: srp_sign_in.py ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD [--admin] [--secret S] [--tamper] [--timestamp T]
                      [--replay]

Prints one JSON object: {"challenge": {...} } plus either "result" (RespondToAuthChallenge's response) or
"error": {"code", "message", "step"}. With --replay, the same answer is sent a second time and "replay" holds
{"result": ...} or {"error": {...}} of that second call.
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2


def pad_hex(value: int) -> str:
    """Java BigInteger.toByteArray() as hex: even length, 00 prefix when the top bit is set."""
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    elif text[0] in "89abcdef":
        text = "00" + text
    return text


def hash_hex(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest().rjust(64, "0")


K = int(hash_hex(pad_hex(N) + pad_hex(G)), 16)


def secret_hash(secret: str, username: str, client_id: str) -> str:
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def claim(pool_name, user_id, password, salt_hex, b_hex, secret_block, a, big_a, timestamp):
    big_b = int(b_hex, 16)
    salt = int(salt_hex, 16)
    u = int(hash_hex(pad_hex(big_a) + pad_hex(big_b)), 16)
    inner = hashlib.sha256(f"{pool_name}{user_id}:{password}".encode()).hexdigest()
    x = int(hash_hex(pad_hex(salt) + inner), 16)
    s = pow((big_b - K * pow(G, x, N)) % N, a + u * x, N)
    prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(s)), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    message = pool_name.encode() + user_id.encode() + base64.standard_b64decode(secret_block) + timestamp.encode()
    return base64.standard_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("endpoint", "pool_id", "client_id", "username", "password"):
        parser.add_argument(name)
    parser.add_argument("--admin", action="store_true")
    parser.add_argument("--secret")
    parser.add_argument("--tamper", action="store_true")
    parser.add_argument("--timestamp")
    parser.add_argument("--replay", action="store_true")
    args = parser.parse_args()

    region = args.pool_id.split("_")[0]
    client = boto3.client("cognito-idp", endpoint_url=args.endpoint, region_name=region,
                          aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                          config=Config(retries={"max_attempts": 1}))
    a = int.from_bytes(os.urandom(128), "big")
    big_a = pow(G, a, N)
    params = {"USERNAME": args.username, "SRP_A": format(big_a, "x")}
    if args.secret:
        params["SECRET_HASH"] = secret_hash(args.secret, args.username, args.client_id)
    out = {}
    try:
        if args.admin:
            first = client.admin_initiate_auth(UserPoolId=args.pool_id, ClientId=args.client_id,
                                               AuthFlow="USER_SRP_AUTH", AuthParameters=params)
        else:
            first = client.initiate_auth(ClientId=args.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    except ClientError as error:
        out["error"] = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"], "step": "initiate"}
        print(json.dumps(out))
        return

    out["challenge"] = {"ChallengeName": first.get("ChallengeName"), "ChallengeParameters": first.get("ChallengeParameters"),
                        "HasSession": bool(first.get("Session"))}
    cp = first["ChallengeParameters"]
    user_id = cp["USER_ID_FOR_SRP"]
    now = datetime.datetime.now(datetime.timezone.utc)
    timestamp = args.timestamp or now.strftime("%a %b {} %H:%M:%S UTC %Y").format(now.day)
    signature = claim(args.pool_id.split("_")[1], user_id, args.password, cp["SALT"], cp["SRP_B"], cp["SECRET_BLOCK"], a, big_a, timestamp)
    if args.tamper:
        signature = ("A" if signature[0] != "A" else "B") + signature[1:]
    responses = {"USERNAME": user_id, "PASSWORD_CLAIM_SECRET_BLOCK": cp["SECRET_BLOCK"], "TIMESTAMP": timestamp,
                 "PASSWORD_CLAIM_SIGNATURE": signature}
    if args.secret:
        responses["SECRET_HASH"] = secret_hash(args.secret, user_id, args.client_id)

    def respond():
        if args.admin:
            second = client.admin_respond_to_auth_challenge(UserPoolId=args.pool_id, ClientId=args.client_id,
                                                            ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses)
        else:
            second = client.respond_to_auth_challenge(ClientId=args.client_id, ChallengeName="PASSWORD_VERIFIER",
                                                      ChallengeResponses=responses)
        second.pop("ResponseMetadata", None)
        return second

    try:
        out["result"] = respond()
    except ClientError as error:
        out["error"] = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"], "step": "respond"}
    if args.replay:
        try:
            out["replay"] = {"result": respond()}
        except ClientError as error:
            out["replay"] = {"error": {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"],
                                       "step": "replay"}}
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
