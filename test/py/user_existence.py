"""PreventUserExistenceErrors LEGACY vs ENABLED on every sign-in and recovery path, for an unknown user and
for real users in the matching situation (wrong password, wrong code, ...), so answers can be compared.

Usage: python3 user_existence.py <endpoint>
"""
import sys

from cognito_session import PASSWORD, client, confirmed_user, emit, outcome, temporary_user

idp = client(sys.argv[1])
pool_id = idp.create_user_pool(PoolName="user-existence", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
clients = {
    mode: idp.create_user_pool_client(UserPoolId=pool_id, ClientName=mode, ExplicitAuthFlows=flows,
                                      PreventUserExistenceErrors=mode)["UserPoolClient"]["ClientId"]
    for mode in ("LEGACY", "ENABLED")
}

confirmed_user(idp, pool_id, "real", "real@example.com")
confirmed_user(idp, pool_id, "off", "off@example.com")
idp.admin_disable_user(UserPoolId=pool_id, Username="off")
temporary_user(idp, pool_id, "fran")
for mode in clients:
    idp.sign_up(ClientId=clients[mode], Username="pending-" + mode, Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": "pending@example.com"}])


def cases(mode):
    c = clients[mode]
    session = idp.initiate_auth(ClientId=c, AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "fran", "PASSWORD": "Temp#Pass123"})["Session"]
    # ConfirmForgotPassword compares a wrong code for a real user who asked for one.
    idp.forgot_password(ClientId=c, Username="real")
    return {
        "InitiateAuth/ghost": lambda: idp.initiate_auth(ClientId=c, AuthFlow="USER_PASSWORD_AUTH",
                                                        AuthParameters={"USERNAME": "ghost", "PASSWORD": PASSWORD}),
        "InitiateAuth/real-wrong-password": lambda: idp.initiate_auth(ClientId=c, AuthFlow="USER_PASSWORD_AUTH",
                                                                      AuthParameters={"USERNAME": "real", "PASSWORD": "Wrong#Pass000"}),
        "AdminInitiateAuth/ghost": lambda: idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=c, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                                                   AuthParameters={"USERNAME": "ghost", "PASSWORD": PASSWORD}),
        "AdminInitiateAuth/real-wrong-password": lambda: idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=c, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                                                                 AuthParameters={"USERNAME": "real", "PASSWORD": "Wrong#Pass000"}),
        "InitiateAuth/unconfirmed-wrong-password": lambda: idp.initiate_auth(ClientId=c, AuthFlow="USER_PASSWORD_AUTH",
                                                                             AuthParameters={"USERNAME": "pending-" + mode, "PASSWORD": "Wrong#Pass000"}),
        "InitiateAuth/unconfirmed": lambda: idp.initiate_auth(ClientId=c, AuthFlow="USER_PASSWORD_AUTH",
                                                              AuthParameters={"USERNAME": "pending-" + mode, "PASSWORD": PASSWORD}),
        "ForgotPassword/ghost": lambda: idp.forgot_password(ClientId=c, Username="ghost"),
        "ForgotPassword/disabled": lambda: idp.forgot_password(ClientId=c, Username="off"),
        "ForgotPassword/real": lambda: idp.forgot_password(ClientId=c, Username="real"),
        "ConfirmForgotPassword/ghost": lambda: idp.confirm_forgot_password(ClientId=c, Username="ghost", ConfirmationCode="000000", Password="Next#Pass123"),
        "ConfirmForgotPassword/real-wrong-code": lambda: idp.confirm_forgot_password(ClientId=c, Username="real", ConfirmationCode="000000", Password="Next#Pass123"),
        "ResendConfirmationCode/ghost": lambda: idp.resend_confirmation_code(ClientId=c, Username="ghost"),
        "ResendConfirmationCode/real": lambda: idp.resend_confirmation_code(ClientId=c, Username="pending-" + mode),
        "ConfirmSignUp/ghost": lambda: idp.confirm_sign_up(ClientId=c, Username="ghost", ConfirmationCode="000000"),
        "ConfirmSignUp/real-wrong-code": lambda: idp.confirm_sign_up(ClientId=c, Username="pending-" + mode, ConfirmationCode="000000"),
        "RespondToAuthChallenge/ghost": lambda: idp.respond_to_auth_challenge(
            ClientId=c, ChallengeName="NEW_PASSWORD_REQUIRED", Session=session,
            ChallengeResponses={"USERNAME": "ghost", "NEW_PASSWORD": "Next#Pass123"}),
    }


results = {}
for mode in clients:
    for name, call in cases(mode).items():
        result = outcome(call)
        details = (result[2] or {}).get("CodeDeliveryDetails")
        result[2] = {k: details[k] for k in ("DeliveryMedium", "AttributeName")} | {"Masked": "***" in details["Destination"]} if details else None
        results[f"{mode} {name}"] = result
emit(results)
