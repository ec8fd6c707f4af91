#!/bin/sh
# Print margin's top-level module graph: one `from -> to  count` line per edge, where count is
# how many `crate::to` paths appear in the files of module `from` (use lines, paths in code and
# doc links alike). Run it before and after a refactor to see which dependencies moved.
# Groups (`crate::{a, b}`) and `super::` chains are not expanded here: the crate writes
# none that leave a top module, and tests/layers.rs, which enforces the layering, reads both.
#
# Usage: scripts/module-graph.sh [SRC_DIR]   (default: src/ beside this script)
set -eu

src=${1:-"$(dirname "$0")/../src"}
cd "$src"

find . -name '*.rs' | sort | while read -r file; do
    # The top module is the first path component: ./app/update.rs -> app, ./tui.rs -> tui.
    from=${file#./}
    from=${from%%/*}
    from=${from%.rs}
    grep -o 'crate::[a-z_][a-z0-9_]*' "$file" | sed 's/^crate:://' | while read -r to; do
        if [ "$to" != "$from" ]; then
            echo "$from -> $to"
        fi
    done
done | sort | uniq -c | awk '{ printf "%-10s -> %-10s %4d\n", $2, $4, $1 }'
