"""SECRET_HASH on every operation that takes it, for a client with a secret: missing, wrong and right.

Usage: python3 secret_hash_audit.py <endpoint>
"""
import sys

from cognito_session import PASSWORD, client, confirmed_user, emit, outcome, secret_hash, temporary_user

idp = client(sys.argv[1])
pool_id = idp.create_user_pool(PoolName="secret-hash-audit", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
app = idp.create_user_pool_client(
    UserPoolId=pool_id, ClientName="confidential", GenerateSecret=True,
    ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
)["UserPoolClient"]
client_id, secret = app["ClientId"], app["ClientSecret"]


def hashes(username):
    """The SecretHash value for each variant: left out, made for another user, right."""
    return {"missing": None, "wrong": secret_hash(secret, "someone-else", client_id), "right": secret_hash(secret, username, client_id)}


def with_hash(kwargs, key, value):
    if value is not None:
        kwargs[key] = value
    return kwargs


def auth_params(params, value):
    return with_hash(dict(params), "SECRET_HASH", value)


confirmed_user(idp, pool_id, "alice", "alice@example.com")
idp.sign_up(ClientId=client_id, Username="una", Password=PASSWORD, SecretHash=secret_hash(secret, "una", client_id),
            UserAttributes=[{"Name": "email", "Value": "una@example.com"}])
tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
    "USERNAME": "alice", "PASSWORD": PASSWORD, "SECRET_HASH": secret_hash(secret, "alice", client_id)})["AuthenticationResult"]
idp.forgot_password(ClientId=client_id, Username="alice", SecretHash=secret_hash(secret, "alice", client_id))
temporary_user(idp, pool_id, "fran")
temporary_user(idp, pool_id, "gina")


def new_password_session(username, admin):
    params = {"USERNAME": username, "PASSWORD": "Temp#Pass123", "SECRET_HASH": secret_hash(secret, username, client_id)}
    if admin:
        return idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters=params)["Session"]
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params)["Session"]


fran_session = new_password_session("fran", admin=False)
gina_session = new_password_session("gina", admin=True)

operations = {
    "SignUp": lambda v, h: idp.sign_up(**with_hash(dict(
        ClientId=client_id, Username="new-" + v, Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": v + "@example.com"}]),
        "SecretHash", hashes("new-" + v)[h])),
    "ConfirmSignUp": lambda v, h: idp.confirm_sign_up(**with_hash(dict(
        ClientId=client_id, Username="una", ConfirmationCode="000000"), "SecretHash", hashes("una")[h])),
    "ResendConfirmationCode": lambda v, h: idp.resend_confirmation_code(**with_hash(dict(
        ClientId=client_id, Username="una"), "SecretHash", hashes("una")[h])),
    "ForgotPassword": lambda v, h: idp.forgot_password(**with_hash(dict(
        ClientId=client_id, Username="alice"), "SecretHash", hashes("alice")[h])),
    "ConfirmForgotPassword": lambda v, h: idp.confirm_forgot_password(**with_hash(dict(
        ClientId=client_id, Username="alice", ConfirmationCode="000000", Password="Next#Pass123"), "SecretHash", hashes("alice")[h])),
    "InitiateAuth USER_PASSWORD_AUTH": lambda v, h: idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters=auth_params({"USERNAME": "alice", "PASSWORD": PASSWORD}, hashes("alice")[h])),
    "AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH": lambda v, h: idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters=auth_params({"USERNAME": "alice", "PASSWORD": PASSWORD}, hashes("alice")[h])),
    "InitiateAuth REFRESH_TOKEN_AUTH": lambda v, h: idp.initiate_auth(
        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters=auth_params({"REFRESH_TOKEN": tokens["RefreshToken"]}, hashes("alice")[h])),
    "AdminInitiateAuth REFRESH_TOKEN_AUTH": lambda v, h: idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters=auth_params({"REFRESH_TOKEN": tokens["RefreshToken"]}, hashes("alice")[h])),
    "RespondToAuthChallenge NEW_PASSWORD_REQUIRED": lambda v, h: idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=fran_session,
        ChallengeResponses=auth_params({"USERNAME": "fran", "NEW_PASSWORD": "Next#Pass123"}, hashes("fran")[h])),
    "AdminRespondToAuthChallenge NEW_PASSWORD_REQUIRED": lambda v, h: idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=gina_session,
        ChallengeResponses=auth_params({"USERNAME": "gina", "NEW_PASSWORD": "Next#Pass123"}, hashes("gina")[h])),
}

results = {"ClientId": ["OK", client_id, None]}
for name, call in operations.items():
    # Missing and wrong first: they must leave single-use state (sessions, codes) untouched for "right".
    for variant in ("missing", "wrong", "right"):
        result = outcome(lambda: call(variant, variant))
        result[2] = sorted(result[2].keys()) if result[2] else None
        results[f"{name}/{variant}"] = result
emit(results)
