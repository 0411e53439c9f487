#!/usr/bin/env bash
# A short, corpus-seeded fuzzing run of every target (what `.ci/run` calls): builds the fuzz
# targets, seeds fuzz/corpus/ (see seed-corpus.sh), then runs each target for FUZZ_SECONDS
# (default 30), one after another. Prints the executions per target.
#
# Exit status: 1 when a target crashes (a panic, a timeout or running out of memory; the
# input is saved under fuzz/artifacts/<target>/). A missing cargo-fuzz is installed into the
# target directory; if that fails (no network), that is a warning and fuzzing is skipped. Fuzz
# targets that do not build are an error.
#
# Environment: FUZZ_SECONDS (per target), FUZZ_TARGETS (space-separated subset),
# FUZZ_TARGET_DIR (cargo target directory, default fuzz/target), FUZZ_SANITIZER (default
# `none`: the generator has no unsafe code, and without ASan the build is faster and runs do
# more executions; `address` works too).
set -uo pipefail
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
cd "$fuzz_dir"
seconds=${FUZZ_SECONDS:-30}
targets=${FUZZ_TARGETS:-smithy_json smithy_idl jsonschema pattern cognito_request}
target_dir=${FUZZ_TARGET_DIR:-$fuzz_dir/target}
# cargo-fuzz passes nightly-only flags (-Z...); the stable toolchain accepts them with this.
export RUSTC_BOOTSTRAP=1
# Debug assertions on, so integer overflow and debug_assert! count as crashes too.
flags=(--sanitizer "${FUZZ_SANITIZER:-none}" --debug-assertions --target-dir "$target_dir")

# The dictionary each target uses.
dictionary_of() {
    case $1 in
        smithy_*) echo dict/smithy.dict ;;
        jsonschema) echo dict/jsonschema.dict ;;
        pattern) echo dict/pattern.dict ;;
        *) echo dict/cognito.dict ;;
    esac
}

# cargo-fuzz: the installed one, else one installed from crates.io beside the fuzz targets.
if ! cargo fuzz --version >/dev/null 2>&1; then
    tools="$target_dir/tools"
    echo "cargo-fuzz is not installed: installing it into $tools"
    if cargo install --quiet --locked --root "$tools" cargo-fuzz; then
        export PATH="$tools/bin:$PATH"
    else
        echo "warning: cargo-fuzz could not be installed: fuzzing skipped"
        exit 0
    fi
fi
if ! cargo fuzz build "${flags[@]}"; then
    echo "error: the fuzz targets do not build"
    exit 1
fi
./seed-corpus.sh

crashed=()
logs=$(mktemp -d)
for target in $targets; do
    log="$logs/$target.log"
    cargo fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -dict="$(dictionary_of "$target")" \
        -timeout=20 -rss_limit_mb=3000 >"$log" 2>&1
    status=$?
    runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1)
    if [ "$status" -eq 0 ]; then
        echo "fuzz $target: ${runs:-no run count}, no crash"
    else
        echo "fuzz $target: CRASH (exit $status); last lines of the log:"
        tail -n 40 "$log"
        crashed+=("$target")
    fi
done
rm -rf "$logs"

if [ "${#crashed[@]}" -gt 0 ]; then
    echo "fuzzing found crashes in: ${crashed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
