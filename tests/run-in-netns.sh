#!/bin/sh
# Runs a test in a network namespace of its own, where only loopback exists.
#
# Servers such as apertium-apy listen on every address with no way to choose one; run on the
# machine's own network they would be reachable from outside for the length of the test. In a
# private namespace "every address" is 127.0.0.1 and ::1 only.
#
# Usage: run-in-netns.sh PROGRAM [ARGUMENTS…]
set -eu

if [ $# -eq 0 ]; then
  echo "usage: run-in-netns.sh PROGRAM [ARGUMENTS…]" >&2
  exit 1
fi

# The variable only marks the second run, inside the namespace; the test helpers check the
# namespace themselves, so a stray value cannot put a server on the real network.
if [ "${MADO_NETNS_PRIVATE:-}" != yes ]; then
  # Root may create namespaces directly; anyone else needs a user namespace to hold the
  # capability, which --map-root-user provides.
  unshare="unshare --net"
  [ "$(id -u)" -eq 0 ] || unshare="$unshare --map-root-user"

  # Try once with a harmless command first: once exec'd, a failure of unshare itself could not
  # be told apart from the test's own exit status. A test that cannot be isolated must fail,
  # never be skipped as if it had passed.
  # shellcheck disable=SC2086 # $unshare is a command and its options, split on purpose.
  if ! $unshare true; then
    echo "run-in-netns.sh: cannot create a private network namespace ($unshare)," \
         "so $1 is not run; it needs root or unprivileged user namespaces" >&2
    exit 1
  fi

  # shellcheck disable=SC2086
  MADO_NETNS_PRIVATE=yes exec $unshare "$0" "$@"
fi

# Inside the namespace. Loopback starts down in a new namespace, and nothing would connect.
unset MADO_NETNS_PRIVATE
if ! ip link set lo up; then
  echo "run-in-netns.sh: cannot bring up loopback in the private network namespace" >&2
  exit 1
fi
exec "$@"
