#!/usr/bin/env node
// Drives CUSTOM_AUTH against a Ninsho pool whose define/create/verify triggers ask for a secret word, with the two
// browser libraries, as their docs show:
//   acij-custom   amazon-cognito-identity-js: initiateAuth (CUSTOM_AUTH, no password), customChallenge callback,
//                 a wrong then the right sendCustomChallengeAnswer
//   acij-srp      amazon-cognito-identity-js: setAuthenticationFlowType('CUSTOM_AUTH') + authenticateUser, i.e.
//                 SRP_A → PASSWORD_VERIFIER → CUSTOM_CHALLENGE
//   amplify-custom  Amplify JS v6: signIn({authFlowType: 'CUSTOM_WITHOUT_SRP'}), confirmSignIn wrong then right
//   amplify-srp     Amplify JS v6: signIn({authFlowType: 'CUSTOM_WITH_SRP'}) with the password, confirmSignIn
//
// Usage: node custom-auth-journey.mjs <mode> <endpoint> <userPoolId> <clientId> <username> <password> <answer>
// Prints one JSON object on stdout (trace of operations, challenge parameters seen, token claims); exits 1 with
// "<code>: <message>" on stderr when a step fails.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { Amplify } from "aws-amplify";
import { signIn, confirmSignIn, fetchAuthSession } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";

class MemoryStorage {
    #items = new Map();
    setItem(key, value) { this.#items.set(key, String(value)); }
    getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
    removeItem(key) { this.#items.delete(key); }
    clear() { this.#items.clear(); }
}

// Resolves at the next callback the library calls: customChallenge, onSuccess or onFailure.
function step(start) {
    return new Promise((resolve, reject) => start({
        onSuccess: (session) => resolve({ session }),
        onFailure: (err) => reject(err),
        customChallenge: (parameters) => resolve({ challenge: parameters }),
        newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
        mfaRequired: () => reject(new Error("unexpected SMS_MFA")),
        totpRequired: () => reject(new Error("unexpected SOFTWARE_TOKEN_MFA")),
    }));
}

async function acij(mode, endpoint, userPoolId, clientId, username, password, answer) {
    const storage = new MemoryStorage();
    const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint, Storage: storage });
    const trace = [];
    const request = pool.client.request.bind(pool.client);
    pool.client.request = (operation, params, callback) => {
        trace.push(params.ChallengeName ? `${operation}:${params.ChallengeName}` : `${operation}:${params.AuthFlow}${params.AuthParameters?.CHALLENGE_NAME ? ":" + params.AuthParameters.CHALLENGE_NAME : ""}`);
        request(operation, params, callback);
    };
    const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
    user.setAuthenticationFlowType("CUSTOM_AUTH");
    const details = new AuthenticationDetails(mode === "acij-srp" ? { Username: username, Password: password } : { Username: username });
    const first = await step((cb) => (mode === "acij-srp" ? user.authenticateUser(details, cb) : user.initiateAuth(details, cb)));
    if (!first.challenge) throw new Error("expected a custom challenge");
    const out = { trace, challenge: first.challenge };
    const wrong = await step((cb) => user.sendCustomChallengeAnswer(answer + "-wrong", cb));
    if (!wrong.challenge) throw new Error("a wrong answer should bring the challenge again");
    const right = await step((cb) => user.sendCustomChallengeAnswer(answer, cb));
    if (!right.session) throw new Error("expected tokens");
    const claims = right.session.getAccessToken().decodePayload();
    out.signIn = { username: claims.username, clientId: claims.client_id, valid: right.session.isValid() };
    return out;
}

async function amplify(mode, endpoint, userPoolId, userPoolClientId, username, password, answer) {
    const store = new Map();
    Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } });
    cognitoUserPoolsTokenProvider.setKeyValueStorage({
        setItem: async (k, v) => { store.set(k, v); },
        getItem: async (k) => store.get(k) ?? null,
        removeItem: async (k) => { store.delete(k); },
        clear: async () => { store.clear(); },
    });
    const srp = mode === "amplify-srp";
    const first = await signIn({ username, ...(srp ? { password } : {}), options: { authFlowType: srp ? "CUSTOM_WITH_SRP" : "CUSTOM_WITHOUT_SRP" } });
    const steps = [first.nextStep.signInStep];
    const out = { steps, challenge: first.nextStep.additionalInfo ?? null };
    if (!srp) {
        const wrong = await confirmSignIn({ challengeResponse: answer + "-wrong" });
        steps.push(wrong.nextStep.signInStep);
    }
    const done = await confirmSignIn({ challengeResponse: answer });
    steps.push(done.nextStep.signInStep);
    const session = await fetchAuthSession();
    out.signIn = { signedIn: done.isSignedIn, username: session.tokens?.accessToken?.payload?.username ?? null };
    return out;
}

async function main(argv) {
    if (argv.length !== 7) {
        throw new Error("usage: node custom-auth-journey.mjs <mode> <endpoint> <userPoolId> <clientId> <username> <password> <answer>");
    }
    const [mode, ...rest] = argv;
    const out = mode.startsWith("acij") ? await acij(mode, ...rest) : await amplify(mode, ...rest);
    process.stdout.write(JSON.stringify(out));
}

main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err.code ?? err.name}: ${err.message}${err.underlyingError ? " " + String(err.underlyingError) : ""}\n`);
    process.exit(1);
});
