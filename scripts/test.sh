#!/usr/bin/env bash
# The project's test command (README, .ci/run). Runs, in order:
#   1. dotnet format --verify-no-changes
#   2. the generated-code check (scripts/check-generated.sh, when present)
#   3. a throw-away PostgreSQL (scripts/start-test-postgres.sh, when present), stopped at exit
#   4. dotnet test over Ninsho.slnx with TRX reports in TestResults/
#   5. the NuGet packages: the dotnet tool and Ninsho.Testing packed into a temporary feed, the sample project run
#      against it (its TRX counted with the rest), the tool installed and started once (counted as one test)
# and prints the 15 slowest tests and, as its last line, "N passed, N failed, N skipped" counted from the TRX files.
# Exits non-zero if any step or test failed, or if no test ran. Every step runs even after an earlier one failed,
# so one run shows everything that is wrong. Needs scripts/setup.sh to have run once on the machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/TestResults"
# Whole-suite limit, well inside CI's 90 minutes (set-up and format come first). Each test has its own timeout.
test_timeout="${NINSHO_TEST_TIMEOUT:-70m}"

failures=()
say() { echo "test.sh: $*" >&2; }
fail() {
    failures+=("$1")
    say "FAILED: $1"
}

# ---- 1. formatting -----------------------------------------------------------------------------------------
say "dotnet format Ninsho.slnx --verify-no-changes"
if ! dotnet format Ninsho.slnx --verify-no-changes; then
    fail "formatting (run 'dotnet format Ninsho.slnx' and commit)"
fi

# ---- 2. generated code is current --------------------------------------------------------------------------
# Placeholder until the code generator's check lands: scripts/check-generated.sh regenerates
# src/Ninsho.Protocol/Generated and fails on any difference.
if [[ -f scripts/check-generated.sh ]]; then
    say "scripts/check-generated.sh"
    if ! bash scripts/check-generated.sh; then
        fail "generated code is stale"
    fi
else
    say "generated-code check skipped: scripts/check-generated.sh does not exist yet"
fi

# ---- 3. throw-away PostgreSQL ------------------------------------------------------------------------------
pg_dir=""
stop_postgres() {
    [[ -n "$pg_dir" ]] || return 0
    if [[ -f scripts/stop-test-postgres.sh ]]; then
        bash scripts/stop-test-postgres.sh "$pg_dir" >&2 || true
    elif [[ -f "$pg_dir/data/PG_VERSION" ]]; then
        local pg_ctl
        pg_ctl="$(ls -1d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 || true)"
        if [[ -n "$pg_ctl" ]]; then
            if [[ $(id -u) -eq 0 ]]; then
                runuser -u postgres -- "$pg_ctl" stop -D "$pg_dir/data" -m fast >&2 || true
            else
                "$pg_ctl" stop -D "$pg_dir/data" -m fast >&2 || true
            fi
        fi
    fi
    rm -rf "$pg_dir"
    pg_dir=""
}
trap stop_postgres EXIT

if [[ -f scripts/start-test-postgres.sh ]]; then
    pg_dir="$(mktemp -d /tmp/ninsho-test-pg.XXXXXX)"
    chmod 755 "$pg_dir"
    pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    say "starting a throw-away PostgreSQL in $pg_dir on port $pg_port"
    if pg_exports="$(NINSHO_PG_PORT="$pg_port" bash scripts/start-test-postgres.sh "$pg_dir")"; then
        eval "$pg_exports"
        say "NINSHO_TEST_PG is set"
    else
        fail "scripts/start-test-postgres.sh (PostgreSQL tests will fail on CI, skip locally)"
    fi
else
    say "no scripts/start-test-postgres.sh yet: PostgreSQL tests (if any) see no NINSHO_TEST_PG"
fi

# ---- 4. tests ----------------------------------------------------------------------------------------------
rm -rf "$results"
say "dotnet test --solution Ninsho.slnx (limit $test_timeout)"
set +e
# --ignore-exit-code 8: a test project that has no tests yet is not a failure; "no test ran at all" is checked below.
timeout --kill-after=60s "$test_timeout" \
    dotnet test --solution Ninsho.slnx --report-trx --results-directory "$results" --ignore-exit-code 8
test_exit=$?
set -e
if [[ $test_exit -eq 124 || $test_exit -eq 137 ]]; then
    fail "dotnet test exceeded $test_timeout and was killed"
elif [[ $test_exit -ne 0 ]]; then
    fail "dotnet test exited with code $test_exit"
fi

stop_postgres

# ---- 5. the NuGet packages ---------------------------------------------------------------------------------
# Used as a user uses them, from a feed (docs/dotnet-testing.md): `Ninsho` (the dotnet tool) and Ninsho.Testing are
# packed from step 4's Debug build into a temporary feed, under a version of this run's own (so NuGet's cache can
# never hand out an older pack of the same version); samples/Ninsho.Testing.Sample restores Ninsho.Testing from it
# and runs; the tool is installed into a temporary --tool-path and `ninsho serve` must answer /health. Anything
# missing (a package, the feed, the tool) fails the run, on CI and off it.
extra_passed=0
extra_failed=0
pkg_dir="$(mktemp -d /tmp/ninsho-test-packages.XXXXXX)"
pkg_version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)-ci.$(date +%s).$$"
pkg_cache="$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: //p' || true)"
pkg_started=$SECONDS
cleanup_packages() {
    rm -rf "$pkg_dir"
    [[ -n "$pkg_cache" ]] && rm -rf "${pkg_cache%/}/ninsho.testing/$pkg_version"
    return 0
}
trap 'stop_postgres; cleanup_packages' EXIT

# Starts the installed tool on a free port and waits (30 s at most) for /health to answer 200.
tool_serves_health() {
    local port pid answered=1
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "$pkg_dir/tool/ninsho" serve --port "$port" --data-dir "$pkg_dir/data" >"$pkg_dir/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 300); do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
            "http://127.0.0.1:$port/health" 2>/dev/null; then
            answered=0
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [[ $answered -eq 0 ]] || sed 's/^/test.sh: ninsho serve: /' "$pkg_dir/serve.log" >&2
    return $answered
}

packed=1
for project in src/Ninsho.Server src/Ninsho.Testing; do
    # Not --no-build: step 4's `dotnet test --solution` builds the test projects and what they reference, and
    # Ninsho.Testing is referenced by none of them (the sample takes it from the feed), so pack builds it here.
    say "dotnet pack $project (version $pkg_version)"
    if ! dotnet pack "$project" -c Debug -o "$pkg_dir/feed" -p:PackageVersion="$pkg_version" --nologo -v quiet; then
        fail "dotnet pack $project"
        packed=0
    fi
done
if [[ $packed -eq 1 ]]; then
    say "dotnet test --project samples/Ninsho.Testing.Sample (Ninsho.Testing $pkg_version from the feed)"
    set +e
    timeout --kill-after=30s 10m dotnet test --project samples/Ninsho.Testing.Sample \
        -p:NinshoFeed="$pkg_dir/feed" -p:NinshoVersion="$pkg_version" --report-trx --results-directory "$results/sample"
    sample_exit=$?
    set -e
    if [[ $sample_exit -ne 0 ]]; then
        fail "samples/Ninsho.Testing.Sample exited with code $sample_exit"
    fi

    say "dotnet tool install Ninsho --tool-path, then ninsho serve and GET /health"
    if dotnet tool install Ninsho --tool-path "$pkg_dir/tool" --add-source "$pkg_dir/feed" --version "$pkg_version" >&2 \
        && tool_serves_health; then
        extra_passed=$((extra_passed + 1))
    else
        extra_failed=$((extra_failed + 1))
        fail "the Ninsho dotnet tool did not install or its ninsho serve did not answer /health"
    fi
else
    extra_failed=$((extra_failed + 1))
fi
say "packages step: $((SECONDS - pkg_started)) s"
cleanup_packages

# ---- summary from the TRX files ----------------------------------------------------------------------------
counts="$(python3 - "$results" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
durations = []
files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True))
for path in files:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"test.sh: unreadable TRX {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    for result in root.iterfind(".//t:Results/t:UnitTestResult", ns):
        outcome = result.get("outcome", "")
        h, m, sec = (result.get("duration") or "0:0:0").split(":")
        durations.append((int(h) * 3600 + int(m) * 60 + float(sec), result.get("testName", "?")))
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "NotRunnable"):
            skipped += 1
        else:
            failed += 1
            print(f"test.sh: {outcome}: {result.get('testName')}", file=sys.stderr)
slowest = sorted(durations, reverse=True)[:15]
if slowest:
    print("test.sh: slowest tests (s):", file=sys.stderr)
    for seconds, name in slowest:
        print(f"test.sh: {seconds:7.1f}  {name}", file=sys.stderr)
print(f"{passed} {failed} {skipped} {len(files)}")
PY
)" || counts="0 1 0 0"
read -r passed failed skipped trx_files <<<"$counts"
# The checks of step 5 that are not tests of a project (the tool's /health).
passed=$((passed + extra_passed))
failed=$((failed + extra_failed))
say "$trx_files TRX file(s) in $results"

# Every test project must leave its TRX: a test host that died (killed, crashed) leaves none, and its tests would
# otherwise vanish from the count instead of failing it.
expected_trx="$(grep -l '<IsTestProject>true</IsTestProject>' test/*/*.csproj | wc -l)"
if [[ $trx_files -lt $expected_trx ]]; then
    fail "only $trx_files TRX file(s) for $expected_trx test projects: a test host ended without its report"
fi
if [[ $((passed + failed)) -eq 0 ]]; then
    fail "no test ran"
fi
if [[ $failed -gt 0 ]]; then
    failures+=("$failed test(s) failed")
fi

if [[ ${#failures[@]} -gt 0 ]]; then
    say "FAILED steps: $(printf '%s; ' "${failures[@]}")"
    status=1
else
    say "all steps passed"
    status=0
fi

# A failed step with no failed test in the TRX files (a test class whose fixture threw leaves no result in the TRX;
# a pack or build that failed runs no test) must still show in the count: the last line never says "0 failed" for
# a failing run.
if [[ $status -ne 0 && $failed -eq 0 ]]; then
    failed=1
    say "a step failed without a failed test in the TRX files: counted as 1 failed"
fi

# The CI reads this line: it must be the last one printed.
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
