#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with seed inputs: the hand-written fuzz/seeds/, the
# project's schemas/ and tests/fixtures/, and a handful of small files from the shared corpus
# (read in place, copied only into the ignored corpus directory). Safe to run again: existing
# corpus entries, including what earlier fuzzing found, are kept.
set -euo pipefail
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz_dir")
shared_corpus=${SHAPEGEN_SHARED:-$repo/../shared}/corpus
per_source=${SEEDS_PER_SOURCE:-12}

# seed TARGET FILE...: copies each file into the target's corpus under a name that keeps its
# origin readable.
seed() {
    local target=$1
    shift
    mkdir -p "$fuzz_dir/corpus/$target"
    local file
    for file in "$@"; do
        [ -f "$file" ] || continue
        cp "$file" "$fuzz_dir/corpus/$target/seed-$(basename "$(dirname "$file")")-$(basename "$file")"
    done
}

# spread DIR PATTERN: up to $per_source files matching PATTERN under DIR, spread evenly over
# the sizes found, skipping files over 4 KiB (libFuzzer's default maximum input length).
spread() {
    [ -d "$1" ] || return 0
    find "$1" -type f -name "$2" -size -4k -printf '%s %p\n' | sort -n | cut -d' ' -f2- |
        awk -v want="$per_source" '{ files[NR] = $0 }
            END { step = NR > want ? NR / want : 1
                  for (i = 1; i <= NR && i <= want * step; i += step) print files[int(i)] }'
}

for target in smithy_json smithy_idl jsonschema pattern cognito_request; do
    seed "$target" "$fuzz_dir/seeds/$target"/*
done

seed smithy_json "$repo"/tests/fixtures/smithy/*.json "$repo"/schemas/smithy/*.json
seed jsonschema "$repo"/schemas/jsonschema/*.json

if [ -d "$shared_corpus" ]; then
    mapfile -t idl_json < <(spread "$shared_corpus/smithy-conformance/idl-loader-valid" '*.json')
    mapfile -t idl_valid < <(spread "$shared_corpus/smithy-conformance/idl-loader-valid" '*.smithy')
    mapfile -t idl_invalid < <(spread "$shared_corpus/smithy-conformance/idl-loader-invalid" '*.smithy')
    mapfile -t cognito_schemas < <(spread "$shared_corpus/cognito-json-schema" '*.json')
    seed smithy_json "${idl_json[@]}"
    seed smithy_idl "${idl_valid[@]}" "${idl_invalid[@]}"
    seed jsonschema "${cognito_schemas[@]}"
else
    echo "note: $shared_corpus not found; seeding from the repository only"
fi

# seed_patterns FILE...: every distinct `@pattern` of these Smithy JSON AST models, one per seed
# (needs jq; skipped without it).
seed_patterns() {
    command -v jq >/dev/null || return 0
    mkdir -p "$fuzz_dir/corpus/pattern"
    local pattern file files=()
    for file in "$@"; do
        [ -f "$file" ] && files+=("$file")
    done
    jq -r '.. | objects | ."smithy.api#pattern"? // empty' "${files[@]}" | sort -u |
        while IFS= read -r pattern; do
            printf '%s' "$pattern" >"$fuzz_dir/corpus/pattern/seed-model-$(printf '%s' "$pattern" | cksum | cut -d' ' -f1)"
        done
}
seed_patterns "$repo"/schemas/smithy/*.json "$repo"/tests/fixtures/smithy/*.json \
    "$shared_corpus/smithy-aws/cognito-identity-provider-2016-04-18.json"

for target in smithy_json smithy_idl jsonschema pattern cognito_request; do
    echo "corpus/$target: $(find "$fuzz_dir/corpus/$target" -type f | wc -l) files"
done
