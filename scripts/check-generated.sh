#!/usr/bin/env bash
# Regenerates src/Ninsho.Protocol/Generated from the committed botocore models (models/) and fails if the committed
# code differs. It does not read the installed botocore: `dotnet run --project tools/Ninsho.CodeGen -- --from-botocore`
# refreshes models/ when the protocol should follow a newer model.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project tools/Ninsho.CodeGen >/dev/null
if ! git diff --exit-code --stat -- src/Ninsho.Protocol/Generated \
   || [ -n "$(git ls-files --others --exclude-standard -- src/Ninsho.Protocol/Generated)" ]; then
  echo "Generated protocol code is stale: run 'dotnet run --project tools/Ninsho.CodeGen' and commit." >&2
  exit 1
fi
echo "generated code is current"
