#!/usr/bin/env bash
# Build and lint the infrastructure (infra/main.bicep and its modules) with the Bicep CLI, offline.
# Fails (exit 1) on any warning or error in either output: type-check findings (BCP0xx) are warnings of
# `bicep build`, and every linter rule is raised to "error" in bicepconfig.json.
#
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a self-contained binary), restored by
# the download-only project infra/tools/BicepCli.csproj into the NuGet global packages folder. Nothing needs to be
# installed beforehand but the .NET SDK; re-running restores nothing and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

tools_project=infra/tools/BicepCli.csproj
template=infra/main.bicep
package_id=azure.bicep.commandline.linux-x64

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "check-bicep: the Bicep CLI package used here is linux-x64 only (this is $(uname -s)-$(uname -m))" >&2; exit 2 ;;
esac

version="$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' "$tools_project")"
[[ -n "$version" ]] || { echo "check-bicep: no BicepCliVersion in $tools_project" >&2; exit 2; }

# 1. The CLI: restore (a no-op once the package is in the global packages folder), then locate the binary.
dotnet restore "$tools_project" --nologo --verbosity quiet
packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
packages="${packages%/}"
bicep="$packages/$package_id/$version/tools/bicep"
[[ -f "$bicep" ]] || { echo "check-bicep: $bicep not found after restore" >&2; exit 2; }
if [[ ! -x "$bicep" ]]; then
  # The package stores the file as rwxr--r--; make it executable, or use a private copy where the cache is read-only.
  if ! chmod u+x "$bicep" 2> /dev/null || [[ ! -x "$bicep" ]]; then
    copy="infra/tools/obj/bicep-$version"
    if [[ ! -x "$copy" ]]; then
      mkdir -p "$(dirname "$copy")"
      cp "$bicep" "$copy.tmp" && chmod +x "$copy.tmp" && mv "$copy.tmp" "$copy"
    fi
    bicep="$copy"
  fi
fi
echo "check-bicep: $("$bicep" --version)"

# 2. Build and lint; collect both outputs.
findings=0
run() {
  local label="$1"; shift
  local output status=0
  output="$("$@" 2>&1)" || status=$?
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  local count
  count="$(printf '%s\n' "$output" | grep -cE '\b(Warning|Error)\b' || true)"
  if ((status != 0)) && ((count == 0)); then
    count=1
  fi
  echo "check-bicep: $label: exit code $status, $count warning(s)/error(s)"
  findings=$((findings + count))
}

build() { "$bicep" build "$template" --stdout > /dev/null; }
lint() { "$bicep" lint "$template"; }
run "bicep build" build
run "bicep lint" lint

if ((findings > 0)); then
  echo "check-bicep: FAILED: $findings warning(s)/error(s)" >&2
  exit 1
fi
echo "check-bicep: OK: 0 warnings, 0 errors"
