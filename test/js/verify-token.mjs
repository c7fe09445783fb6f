#!/usr/bin/env node
// Verifies a Ninsho-issued JWT the way an API would, with aws-jwt-verify.
//
// Usage: node verify-token.mjs <issuer> <jwksUrl> <token> <tokenUse> <clientId>
//
// On success prints the token's payload as JSON on stdout and exits 0.
// On failure prints "<ErrorName>: <message>" on stderr and exits 1.
//
// aws-jwt-verify's default fetcher speaks https only ("Protocol "http:" not supported"), and Ninsho runs on
// plain http locally, so the JWKS is fetched here with Node's own fetch and handed over with cacheJwks().
// JwtVerifier (not CognitoJwtVerifier) is used because CognitoJwtVerifier derives the issuer from the AWS
// hostname (verify-cognito-token.mjs uses it, for servers started with --issuer aws). JwtVerifier has no
// tokenUse/clientId options, so those checks, which CognitoJwtVerifier makes (token_use equal; aud for ID tokens,
// client_id for access tokens), are made in customJwtCheck.
import { JwtVerifier } from "aws-jwt-verify";

async function main(argv) {
    if (argv.length !== 5) {
        throw new Error("usage: node verify-token.mjs <issuer> <jwksUrl> <token> <tokenUse> <clientId>");
    }
    const [issuer, jwksUrl, token, tokenUse, clientId] = argv;
    if (tokenUse !== "id" && tokenUse !== "access") {
        throw new Error(`tokenUse must be "id" or "access", got "${tokenUse}"`);
    }

    const response = await fetch(jwksUrl, { signal: AbortSignal.timeout(15000) });
    if (!response.ok) {
        throw new Error(`GET ${jwksUrl} answered HTTP ${response.status}`);
    }
    const jwks = await response.json();

    const verifier = JwtVerifier.create({
        issuer,
        jwksUri: jwksUrl,
        audience: null,
        customJwtCheck: ({ payload }) => {
            if (payload.token_use !== tokenUse) {
                throw new Error(`token_use is "${payload.token_use}", expected "${tokenUse}"`);
            }
            if (tokenUse === "id") {
                const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
                if (!aud.includes(clientId)) {
                    throw new Error(`aud ${JSON.stringify(payload.aud)} does not contain client id "${clientId}"`);
                }
            } else if (payload.client_id !== clientId) {
                throw new Error(`client_id is "${payload.client_id}", expected "${clientId}"`);
            }
        },
    });
    verifier.cacheJwks(jwks);

    const payload = await verifier.verify(token);
    process.stdout.write(JSON.stringify(payload) + "\n");
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`${error?.name ?? "Error"}: ${error?.message ?? String(error)}\n`);
        process.exit(1);
    },
);
