#!/usr/bin/env node
// The whole self-service journey of issue 4 through amazon-cognito-identity-js, as a browser app would run it,
// with the codes read from Ninsho's outbox over HTTP.
//
// Usage: node user-lifecycle.mjs <baseUrl> <userPoolId> <clientId> <username> <email> <newEmail>
//
// Steps: signUp, confirmRegistration, authenticateUser (USER_PASSWORD_AUTH: SRP is not used here),
// forgotPassword, confirmPassword, authenticateUser with the new password, changePassword, updateAttributes (name
// and a new email), verifyAttribute with the code sent to the new email, getUserAttributes, and a last sign-in.
// On success prints a JSON summary on stdout and exits 0; on failure prints "<step>: <code>: <message>" on stderr
// and exits 1.
import cognito from "amazon-cognito-identity-js";

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = cognito;

const [baseUrl, userPoolId, clientId, username, email, newEmail] = process.argv.slice(2);
if (!newEmail) {
    console.error("usage: node user-lifecycle.mjs <baseUrl> <userPoolId> <clientId> <username> <email> <newEmail>");
    process.exit(2);
}

const passwords = ["Passw0rd!", "N3w-Passw0rd", "Chang3d-Passw0rd"];
const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: baseUrl });
const user = () => {
    const u = new CognitoUser({ Username: username, Pool: pool });
    u.setAuthenticationFlowType("USER_PASSWORD_AUTH");
    return u;
};

// Runs one ACIJ call; a failure names the step.
function step(name, run) {
    return new Promise((resolve, reject) => {
        const fail = (err) => reject(Object.assign(new Error(`${name}: ${err.code ?? err.name}: ${err.message}`), { cause: err }));
        try {
            run(resolve, fail);
        } catch (err) {
            fail(err);
        }
    });
}

const node = (resolve, fail) => (err, result) => (err ? fail(err) : resolve(result));

async function latestCode(recipient, count) {
    const url = `${baseUrl}/_ninsho/outbox?pool=${encodeURIComponent(userPoolId)}&recipient=${encodeURIComponent(recipient)}`;
    const { Messages } = await (await fetch(url, { signal: AbortSignal.timeout(15000) })).json();
    if (Messages.length !== count) {
        throw new Error(`outbox: expected ${count} message(s) to ${recipient}, found ${Messages.length}`);
    }
    return Messages[count - 1].Code;
}

function signIn(cognitoUser, password) {
    return step(`authenticateUser(${password})`, (resolve, fail) =>
        cognitoUser.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
            onSuccess: resolve,
            onFailure: fail,
            newPasswordRequired: () => fail(new Error("unexpected NEW_PASSWORD_REQUIRED")),
        }),
    );
}

async function main() {
    const summary = {};
    const signUp = await step("signUp", (resolve, fail) =>
        pool.signUp(username, passwords[0], [new CognitoUserAttribute({ Name: "email", Value: email })], null, node(resolve, fail)),
    );
    summary.signUp = { userConfirmed: signUp.userConfirmed, userSub: signUp.userSub, codeDeliveryDetails: signUp.codeDeliveryDetails };

    summary.confirmRegistration = await step("confirmRegistration", async (resolve, fail) =>
        user().confirmRegistration(await latestCode(email, 1), true, node(resolve, fail)),
    );

    const first = await signIn(user(), passwords[0]);
    summary.firstSignIn = { idTokenUsername: first.getIdToken().decodePayload()["cognito:username"], valid: first.isValid() };

    const forgot = await step("forgotPassword", (resolve, fail) =>
        user().forgotPassword({ onSuccess: resolve, onFailure: fail, inputVerificationCode: resolve }),
    );
    summary.forgotPassword = forgot.CodeDeliveryDetails;
    summary.confirmPassword = await step("confirmPassword", async (resolve, fail) =>
        user().confirmPassword(await latestCode(email, 2), passwords[1], { onSuccess: resolve, onFailure: fail }),
    );

    const signedIn = user();
    await signIn(signedIn, passwords[1]);
    summary.changePassword = await step("changePassword", (resolve, fail) =>
        signedIn.changePassword(passwords[1], passwords[2], node(resolve, fail)),
    );

    summary.updateAttributes = await step("updateAttributes", (resolve, fail) =>
        signedIn.updateAttributes(
            [new CognitoUserAttribute({ Name: "name", Value: "Alice Example" }), new CognitoUserAttribute({ Name: "email", Value: newEmail })],
            node(resolve, fail),
        ),
    );
    summary.verifyAttribute = await step("verifyAttribute", async (resolve, fail) =>
        signedIn.verifyAttribute("email", await latestCode(newEmail, 1), { onSuccess: resolve, onFailure: fail }),
    );

    const attributes = await step("getUserAttributes", (resolve, fail) => signedIn.getUserAttributes(node(resolve, fail)));
    summary.attributes = Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]));

    const last = await signIn(user(), passwords[2]);
    summary.lastSignIn = { email: last.getIdToken().decodePayload().email, valid: last.isValid() };
    return summary;
}

main().then(
    (summary) => console.log(JSON.stringify(summary)),
    (err) => {
        console.error(err.message);
        process.exit(1);
    },
);
