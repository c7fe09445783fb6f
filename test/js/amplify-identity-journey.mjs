#!/usr/bin/env node
// Drives Ninsho with Amplify JS v6 (aws-amplify), as a web app would: sign in to a user pool, then
// fetchAuthSession() for identity-pool credentials. Amplify names the user pool in Logins by the ID token's
// iss without its scheme (127.0.0.1:port/<pool>), so this is the real client sending that provider name.
// Then fetchAuthSession({ forceRefresh: true }) refreshes the tokens (GetTokensFromRefreshToken in this version)
// and the report says whether the refresh token changed.
//
// Usage: node amplify-identity-journey.mjs <ninshoUrl> <userPoolId> <clientId> <identityPoolId> <username> <password>
//
// Both endpoints are Amplify's own config options (userPoolEndpoint, identityPoolEndpoint); nothing is shimmed.
// Prints {"signedIn","identityId","accessKeyId","hasSecretKey","hasSessionToken","loginsKey",
// "refreshedIdentityId","refreshTokenChanged","idTokenChanged"} as JSON on stdout and exits 0; on failure prints
// the error on stderr and exits 1.
import { Amplify } from "aws-amplify";
import { signIn, fetchAuthSession } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";

// Amplify stores the refresh token in its key-value storage; in Node that is an in-memory store.
const store = new Map();
const storage = {
    setItem: async (key, value) => { store.set(key, value); },
    getItem: async (key) => store.get(key) ?? null,
    removeItem: async (key) => { store.delete(key); },
    clear: async () => { store.clear(); },
};

const refreshTokenOf = () => [...store.entries()].find(([key]) => key.endsWith(".refreshToken"))?.[1] ?? null;

async function main(argv) {
    if (argv.length !== 6) {
        throw new Error("usage: node amplify-identity-journey.mjs <ninshoUrl> <userPoolId> <clientId> <identityPoolId> <username> <password>");
    }
    const [url, userPoolId, userPoolClientId, identityPoolId, username, password] = argv;
    Amplify.configure({
        Auth: { Cognito: { userPoolId, userPoolClientId, identityPoolId, userPoolEndpoint: url, identityPoolEndpoint: url } },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);

    const result = await signIn({ username, password, options: { authFlowType: "USER_PASSWORD_AUTH" } });
    if (!result.isSignedIn) {
        throw new Error(`not signed in: ${JSON.stringify(result.nextStep)}`);
    }
    const session = await fetchAuthSession();
    const iss = session.tokens?.idToken?.payload?.iss ?? "";
    const refreshBefore = refreshTokenOf();

    const refreshed = await fetchAuthSession({ forceRefresh: true });
    const refreshAfter = refreshTokenOf();

    process.stdout.write(JSON.stringify({
        signedIn: result.isSignedIn,
        identityId: session.identityId ?? null,
        accessKeyId: session.credentials?.accessKeyId ?? null,
        hasSecretKey: !!session.credentials?.secretAccessKey,
        hasSessionToken: !!session.credentials?.sessionToken,
        loginsKey: iss.replace(/^\w+:\/\//, ""),
        refreshedIdentityId: refreshed.identityId ?? null,
        refreshedAccessKeyId: refreshed.credentials?.accessKeyId ?? null,
        refreshTokenChanged: refreshBefore !== null && refreshAfter !== null && refreshBefore !== refreshAfter,
        idTokenChanged: refreshed.tokens?.idToken?.toString() !== session.tokens?.idToken?.toString(),
    }));
}

main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error?.name ?? "Error"}: ${error?.message ?? error}${error?.underlyingError ? " " + String(error.underlyingError) : ""}\n`);
    process.exit(1);
});
