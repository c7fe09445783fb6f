#!/usr/bin/env node
// Drives Ninsho's OpenID discovery with openid-client (panva), as a relying party would: discovery from the
// pool's issuer, then tokenRevocation of a refresh token and buildEndSessionUrl for Cognito's /logout.
//
// Usage: node openid-client-journey.mjs <issuer> <clientId> <refreshToken> <logoutUri>
//
// Prints {"revocationEndpoint","endSessionEndpoint","endSessionUrl"} as JSON on stdout and exits 0;
// on failure prints the error on stderr and exits 1. Ninsho runs on plain http locally, hence
// allowInsecureRequests. The client is public (no secret): client_id goes in the form body (None()).
import * as client from "openid-client";

async function main(argv) {
    if (argv.length !== 4) {
        throw new Error("usage: node openid-client-journey.mjs <issuer> <clientId> <refreshToken> <logoutUri>");
    }
    const [issuer, clientId, refreshToken, logoutUri] = argv;
    const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), {
        execute: [client.allowInsecureRequests],
        timeout: 15,
    });
    const metadata = config.serverMetadata();
    await client.tokenRevocation(config, refreshToken, { token_type_hint: "refresh_token" });
    // Cognito's /logout takes logout_uri (not post_logout_redirect_uri); client_id is added by openid-client.
    const endSessionUrl = client.buildEndSessionUrl(config, { logout_uri: logoutUri });
    process.stdout.write(JSON.stringify({
        revocationEndpoint: metadata.revocation_endpoint ?? null,
        endSessionEndpoint: metadata.end_session_endpoint ?? null,
        endSessionUrl: endSessionUrl.href,
    }));
}

main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error?.name ?? "Error"}: ${error?.message ?? error}${error?.cause ? " " + JSON.stringify(error.cause) : ""}\n`);
    process.exit(1);
});
