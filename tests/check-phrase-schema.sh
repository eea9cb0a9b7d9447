#!/bin/sh
# check-phrase-schema.sh: checks phrase files against data/phrases/phrases.rng, as TAP
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-phrase-schema.sh valid SCHEMA DIR        every *.xml under DIR must validate
#   check-phrase-schema.sh invalid SCHEMA FILE...  every FILE must be refused
#
# The shipped files are found when the test runs, not when meson configures, so a genre file added
# later is checked without reconfiguring.
set -u

mode=$1
schema=$2
shift 2

if [ "$mode" = valid ]; then
  list=$(find "$1" -name '*.xml' -type f | LC_ALL=C sort)
else
  list=$(printf '%s\n' "$@")
fi

count=$(printf '%s\n' "$list" | grep -c .)
if [ "$count" -eq 0 ]; then
  echo "Bail out! no phrase files to check"
  exit 1
fi

echo "1..$count"
n=0
status=0
printf '%s\n' "$list" | {
  while IFS= read -r file; do
    n=$((n + 1))
    if output=$(xmllint --noout --relaxng "$schema" "$file" 2>&1); then
      valid=yes
    else
      valid=no
    fi
    if { [ "$mode" = valid ] && [ $valid = yes ]; } || { [ "$mode" = invalid ] && [ $valid = no ]; }; then
      echo "ok $n - $file"
    else
      echo "not ok $n - $file"
      printf '%s\n' "$output" | sed 's/^/# /'
      status=1
    fi
  done
  exit $status
}
