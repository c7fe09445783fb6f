#!/usr/bin/env bash
# Installs what building and testing Ninsho needs on a fresh Debian machine of the project's kind (dotnet image).
# Run as root. Idempotent: it installs only what is missing, and runs `apt-get update` at most once.
#
#   - Debian packages: postgresql (server, for the storage tests), git, ca-certificates, python3-aiosmtpd (SMTP sink),
#     chromium (the hosted-UI browser tests drive /usr/bin/chromium headless through playwright-core),
#     prometheus (the /metrics scrape test), clang (links the Native AOT build);
#     node/npm only if missing (the image ships Node 20 + npm 11)
#   - the aws CLI (v1), boto3 and moto's server (moto_server) for python3: checked; pip-installed only if missing
#   - test/js: `npm ci` (aws-jwt-verify, the Cognito JS SDK, Amplify JS v6, openid-client, playwright-core, oidc-provider, samlify) unless node_modules matches package-lock.json
#   - `dotnet restore Ninsho.slnx`
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

say() { echo "setup: $*" >&2; }
die() {
    echo "setup: ERROR: $*" >&2
    exit 1
}

apt_updated=0
apt_install() {
    if [[ $(id -u) -ne 0 ]]; then
        die "missing Debian packages: $*; run this script as root (or: sudo apt-get install $*)"
    fi
    if [[ $apt_updated -eq 0 ]]; then
        say "apt-get update"
        apt-get update -qq
        apt_updated=1
    fi
    say "apt-get install $*"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---- Debian packages ---------------------------------------------------------------------------------------
missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# PostgreSQL server binaries (initdb, pg_ctl) for scripts/start-test-postgres.sh.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
fi
command -v git >/dev/null 2>&1 || missing+=(git)
have_pkg ca-certificates || missing+=(ca-certificates)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The loopback SMTP server of the email wire tests (test/smtp/smtp_sink.py runs on Debian's /usr/bin/python3).
have_pkg python3-aiosmtpd || missing+=(python3-aiosmtpd)
# Headless Chromium for the hosted-UI browser tests (test/js/browser-login.mjs; playwright-core downloads nothing).
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# A real Prometheus server for the /metrics scrape test (PrometheusScrapeTests runs /usr/bin/prometheus on loopback).
[[ -x /usr/bin/prometheus ]] || missing+=(prometheus)
# The Native AOT build (NINSHO_BUILD=aot ./ninsho build): the AOT compiler links with clang (and binutils' ld, which
# clang depends on); zlib is built into the runtime, so no zlib1g-dev.
command -v clang >/dev/null 2>&1 || missing+=(clang)

if [[ ${#missing[@]} -gt 0 ]]; then
    apt_install "${missing[@]}"
else
    say "Debian packages: all present"
fi

# ---- .NET SDK ----------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "dotnet not found: this machine kind ships the .NET SDK 10.0.401; install it first"
required_sdk="$(python3 -c 'import json; print(json.load(open("global.json"))["sdk"]["version"])')"
if ! dotnet --list-sdks | grep -q "^${required_sdk%.*}"; then
    die "the .NET SDK ${required_sdk} (or a later ${required_sdk%.*} feature band) is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
fi

# ---- aws CLI and boto3 -------------------------------------------------------------------------------------
pip_install() {
    say "pip install $*"
    if ! python3 -m pip install --quiet --disable-pip-version-check "$@"; then
        die "could not pip-install $* (this workplace's machines may not reach PyPI). Install the AWS CLI v1, boto3 and moto[server] for $(command -v python3) some other way, then rerun scripts/setup.sh"
    fi
    hash -r
}

if ! command -v aws >/dev/null 2>&1; then
    pip_install awscli
fi
aws --version >/dev/null 2>&1 || die "'aws --version' fails; the AWS CLI is broken"
say "$(aws --version 2>&1)"
# The tests run the CLI's entry point from python3 (test/py/aws_cli_zygote.py), so python3 must import it too.
if ! python3 -c 'import awscli.clidriver' >/dev/null 2>&1; then
    pip_install awscli
fi
python3 -c 'import awscli.clidriver' || die "python3 cannot import awscli (the tests' CLI calls need it)"

if ! python3 -c 'import boto3' >/dev/null 2>&1; then
    pip_install boto3
fi
python3 -c 'import boto3' || die "python3 cannot import boto3"

# moto's stand-alone server: the local STS, IAM and S3 of the --sts-endpoint wire test (StsCredentialsTests).
if ! command -v moto_server >/dev/null 2>&1; then
    pip_install 'moto[server]'
fi
command -v moto_server >/dev/null 2>&1 || die "moto_server is not on PATH after installing moto[server]"

# ---- test/js (aws-jwt-verify, JS SDK) ----------------------------------------------------------------------
js="$root/test/js"
if [[ -f "$js/node_modules/.package-lock.json" && "$js/node_modules/.package-lock.json" -nt "$js/package-lock.json" \
    && -f "$js/node_modules/aws-jwt-verify/package.json" && -f "$js/node_modules/playwright-core/package.json" \
    && -f "$js/node_modules/aws-amplify/package.json" && -f "$js/node_modules/oidc-provider/package.json" ]]; then
    say "test/js: node_modules is current"
else
    say "test/js: npm ci"
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in test/js failed"
fi

# ---- NuGet -------------------------------------------------------------------------------------------------
say "dotnet restore Ninsho.slnx"
dotnet restore Ninsho.slnx --nologo -v quiet || die "dotnet restore failed"

say "done"
