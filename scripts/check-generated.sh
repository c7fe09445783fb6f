#!/usr/bin/env bash
# Regenerates src/Ninsho.Protocol/Generated from botocore's models and fails if the committed copy differs.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project tools/Ninsho.CodeGen >/dev/null
if ! git diff --exit-code --stat -- src/Ninsho.Protocol/Generated \
   || [ -n "$(git ls-files --others --exclude-standard -- src/Ninsho.Protocol/Generated)" ]; then
  echo "Generated protocol code is stale: run 'dotnet run --project tools/Ninsho.CodeGen' and commit." >&2
  exit 1
fi
echo "generated code is current"
