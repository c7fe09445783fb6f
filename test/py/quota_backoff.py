"""A burst of DescribeUserPool (UserPoolRead, 15 requests per second on Cognito) against a server started with
--quotas cognito, seen through botocore: first without retries (the refused calls raise ClientError), then with
botocore's standard retry mode, whose backoff must carry every call through.

Usage: python3 quota_backoff.py <endpoint>
Cases: "burst/refused": [<__type>, <message>, <calls refused>] of the first refused call, or ["OK", "", 0];
"burst/standard-retries": ["OK", "", <retries made>] or the first error.
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config
import botocore.exceptions

from cognito_session import client, emit

endpoint = sys.argv[1]
idp = client(endpoint)
pool_id = idp.create_user_pool(PoolName="quota")["UserPool"]["Id"]


def burst(target, calls):
    """Sends `calls` DescribeUserPool from 8 threads; returns ClientError or response metadata for each."""
    def call(_):
        try:
            return target.describe_user_pool(UserPoolId=pool_id)["ResponseMetadata"]
        except botocore.exceptions.ClientError as e:
            return e

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(call, range(calls)))


results = {}
refused = [r for r in burst(idp, 60) if isinstance(r, botocore.exceptions.ClientError)]
results["burst/refused"] = (
    [refused[0].response["Error"]["Code"], refused[0].response["Error"]["Message"], len(refused)] if refused else ["OK", "", 0]
)

time.sleep(1.1)  # the bucket refills: the second burst starts from a full quota, as the first did
patient = boto3.client(
    "cognito-idp",
    endpoint_url=endpoint,
    region_name="ap-northeast-1",
    aws_access_key_id="AKIDNINSHOTEST",
    aws_secret_access_key="ninsho-test-secret-not-checked",
    config=botocore.config.Config(retries={"max_attempts": 10, "mode": "standard"}),
)
answers = burst(patient, 25)
errors = [r for r in answers if isinstance(r, botocore.exceptions.ClientError)]
results["burst/standard-retries"] = (
    [errors[0].response["Error"]["Code"], errors[0].response["Error"]["Message"], len(errors)] if errors
    else ["OK", "", sum(r.get("RetryAttempts", 0) for r in answers)]
)
emit(results)
