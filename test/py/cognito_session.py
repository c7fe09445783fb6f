"""Shared set-up for the boto3 journeys: a cognito-idp client for a Ninsho endpoint, and small helpers.

Each script prints one JSON object on stdout: the outcome of every case, as
{"case": ["OK" | "<__type>", "<message or ''>", <extra>]}, so the C# test asserts the exact expectations.
"""
import base64
import hashlib
import hmac
import json
import sys

import boto3
import botocore.config
import botocore.exceptions

PASSWORD = "Perm#Pass123"


def client(endpoint):
    return boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="ap-northeast-1",
        aws_access_key_id="AKIDNINSHOTEST",
        aws_secret_access_key="ninsho-test-secret-not-checked",
        config=botocore.config.Config(retries={"max_attempts": 1, "mode": "legacy"}),
    )


def secret_hash(secret, username, client_id):
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def outcome(call):
    """Runs call(); returns ["OK", "", response] or [__type, message, None]."""
    try:
        response = call()
        response.pop("ResponseMetadata", None)
        return ["OK", "", response]
    except botocore.exceptions.ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"]["Message"], None]


def confirmed_user(idp, pool_id, username, email=None):
    attributes = [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}] if email else []
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS", UserAttributes=attributes)
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)


def temporary_user(idp, pool_id, username):
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS", TemporaryPassword="Temp#Pass123")


def emit(results):
    json.dump(results, sys.stdout, default=str)
