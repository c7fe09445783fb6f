#!/usr/bin/env node
// The relying party's half of a browser sign-in, with openid-client (panva): given the URL the browser landed on
// at the app's callback, it discovers the pool from its issuer and redeems the code with authorizationCodeGrant,
// which checks the state, sends the PKCE verifier, and verifies the ID token (signature against the pool's JWKS,
// iss, aud, exp, the nonce, at_hash) as any OIDC client library would.
//
// Usage: node oidc-rp-callback.mjs '{"issuer","clientId","callbackUrl","codeVerifier","nonce","state"}'
//
// Prints {"claims", "accessToken", "refreshToken", "scope", "tokenType"} as JSON on stdout and exits 0; on failure
// prints the error on stderr and exits 1. Ninsho runs on plain http locally, hence allowInsecureRequests.
import * as client from "openid-client";

async function main(options) {
    const config = await client.discovery(new URL(options.issuer), options.clientId, undefined, client.None(), {
        execute: [client.allowInsecureRequests],
        timeout: 15,
    });
    const tokens = await client.authorizationCodeGrant(config, new URL(options.callbackUrl), {
        pkceCodeVerifier: options.codeVerifier,
        expectedNonce: options.nonce,
        expectedState: options.state,
        idTokenExpected: true,
    });
    process.stdout.write(JSON.stringify({
        claims: tokens.claims() ?? null,
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        scope: tokens.scope ?? null,
        tokenType: tokens.token_type ?? null,
    }));
}

main(JSON.parse(process.argv[2] ?? "{}")).catch((error) => {
    process.stderr.write(`${error?.name ?? "Error"}: ${error?.message ?? error}${error?.cause ? " " + JSON.stringify(error.cause) : ""}\n`);
    process.exit(1);
});
