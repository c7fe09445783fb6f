#!/usr/bin/env bash
# Publishes the Native AOT build (NINSHO_BUILD=aot ./ninsho build) and runs a smoke subset of the wire tests against
# that binary (NINSHO_TEST_SERVER_EXE), one class per area where Native AOT can break what the JIT build does:
# reflection-free JSON, the hosted UI and console pages, seed files (YamlDotNet), metrics, TOTP (QR codes), SAML
# (SignedXml), passkeys (Fido2), the CLI's export/import and PostgreSQL. Not part of scripts/test.sh.
#
#   scripts/aot-smoke.sh                    the subset below
#   scripts/aot-smoke.sh --filter-class '*SignInTests'   any other `dotnet test` filter instead
#
# PostgreSQL tests need NINSHO_TEST_PG (scripts/start-test-postgres.sh prints it); without it they skip (fail on CI).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

started=$SECONDS
exe="$(NINSHO_BUILD=aot ./ninsho build)"
echo "aot-smoke: $exe ($((SECONDS - started)) s to build or check)" >&2

if [[ $# -eq 0 ]]; then
    set --
    for class in ProtocolTests SignInTests OAuthTokenTests HostedUiTests ConsoleAccessTests SeedFileTests MetricsTests \
        TotpJourneyTests SamlFederationTests WebAuthnSignInTests BackupTests; do
        set -- "$@" --filter-class "*.$class"
    done
fi

dotnet build test/Ninsho.Server.Tests --nologo -v quiet >&2
tested=$SECONDS
NINSHO_TEST_SERVER_EXE="$exe" dotnet test --project test/Ninsho.Server.Tests --no-build "$@"
echo "aot-smoke: tests took $((SECONDS - tested)) s, $((SECONDS - started)) s in all" >&2
