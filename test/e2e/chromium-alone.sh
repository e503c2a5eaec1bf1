#!/bin/sh
# The e2e Chromium, in a network namespace of its own that has only loopback
# (test/e2e/browser.ts launches it through this file). Chromium watches the
# machine's interfaces and addresses over netlink and fails every request in
# flight with net::ERR_NETWORK_CHANGED when one comes or goes; on the test rig
# they do all the time (swarm tasks' veths on docker_gwbridge, the test
# namespaces' links). In here nothing comes or goes. Playwright drives Chromium
# over a pipe (fds 3 and 4), which crosses namespaces; the page reaches the app
# through chromium-relay.mjs on the same 127.0.0.1:<port>, so Host and Origin are
# exactly the app's. unshare keeps the PID (it execs), so Playwright's kill of
# the process group reaches everything in here; the namespace goes with it.
# Root (the test rig) needs no user namespace; anyone else gets one (-r).
set -e
if [ "$(id -u)" = 0 ]; then userns=''; else userns='-r'; fi
exec unshare $userns --net -- sh -c 'ip link set lo up && exec "$0" "$@"' "$CCD_RELAY_NODE" "$(dirname "$0")/chromium-relay.mjs" "$@"
