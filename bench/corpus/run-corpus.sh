#!/usr/bin/env bash
# Runs the notebook corpus (manifest.tsv, chosen by RULE.md) through `forkbook run` and prints
# "N of M run to the end". Notebooks are downloaded once into $CORPUS_DIR (default target/corpus).
# Usage: bench/corpus/run-corpus.sh [path/to/forkbook.jar]
set -u
here=$(cd "$(dirname "$0")" && pwd)
jar=$(realpath "${1:-target/forkbook.jar}")
cache=$(mkdir -p "${CORPUS_DIR:-target/corpus}" && cd "${CORPUS_DIR:-target/corpus}" && pwd)
limit=${CORPUS_TIMEOUT:-300}
total=0; ended=0; cells_run=0; cells_all=0
while IFS=$'\t' read -r name url repo commit license; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  total=$((total + 1))
  if [[ ! -s "$cache/$name" ]]; then
    curl -fsSL "$url" -o "$cache/$name" || { echo "cannot download $url"; continue; }
  fi
  work=$(mktemp -d)
  cp "$cache/$name" "$work/$name"
  log="$cache/${name%.ipynb}.log"
  (cd "$work" && timeout "$limit" java -jar "$jar" run "$name" >"$log" 2>&1)
  status=$?
  steps=$(grep -c '^\[[0-9]*/[0-9]*\]' "$log")
  of=$(grep -o '^\[[0-9]*/[0-9]*\]' "$log" | head -1 | sed 's/.*\/\([0-9]*\)\]/\1/')
  of=${of:-0}
  ok=$steps
  [[ $status -ne 0 ]] && ok=$((steps > 0 ? steps - 1 : 0))
  cells_run=$((cells_run + ok)); cells_all=$((cells_all + of))
  if [[ $status -eq 0 ]]; then
    ended=$((ended + 1)); echo "ok    $name ($of cells)"
  else
    why=$(grep -m1 '^Error in cell' "$log" || echo "exit $status (timeout after ${limit}s?)")
    echo "FAIL  $name ($ok of $of cells): $why"
  fi
  rm -rf "$work"
done < "$here/manifest.tsv"
echo "$ended of $total notebooks run to the end; $cells_run of $cells_all code cells ran"
