#!/bin/sh
# Compiles stevedore-init: static, every warning an error. Run by the Maven build
# (linux-sandbox/pom.xml) with the output path as the only argument.
set -eu
out=$1
src=$(dirname "$0")
mkdir -p "$(dirname "$out")"
${CC:-cc} -static -Os -std=gnu11 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
  -o "$out.tmp" "$src"/*.c
strip "$out.tmp" 2>/dev/null || true
mv "$out.tmp" "$out"
