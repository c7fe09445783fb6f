#!/usr/bin/env node
// Verifies a Ninsho-issued JWT with aws-jwt-verify's CognitoJwtVerifier, exactly as code written for Cognito does:
// the verifier is given only the user pool id, the token use and the client id, and derives the issuer
// (https://cognito-idp.<region>.amazonaws.com/<pool>) itself. It passes only for a server started with
// `--issuer aws` (docs/compatibility-issuer.md).
//
// Usage: node verify-cognito-token.mjs <userPoolId> <jwksUrl> <token> <tokenUse> <clientId>
//
// The JWKS is fetched from Ninsho with Node's fetch (aws-jwt-verify's own fetcher speaks https only) and handed over
// with cacheJwks(). On success prints the token's payload as JSON on stdout and exits 0; on failure prints
// "<ErrorName>: <message>" on stderr and exits 1.
import { CognitoJwtVerifier } from "aws-jwt-verify";

async function main(argv) {
    if (argv.length !== 5) {
        throw new Error("usage: node verify-cognito-token.mjs <userPoolId> <jwksUrl> <token> <tokenUse> <clientId>");
    }
    const [userPoolId, jwksUrl, token, tokenUse, clientId] = argv;

    const response = await fetch(jwksUrl, { signal: AbortSignal.timeout(15000) });
    if (!response.ok) {
        throw new Error(`GET ${jwksUrl} answered HTTP ${response.status}`);
    }

    const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse, clientId });
    verifier.cacheJwks(await response.json());

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
