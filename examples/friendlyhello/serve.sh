#!/bin/sh
# PID 1 of the container: runs httpd and stops it on SIGTERM (a PID 1 that installs no handler,
# such as httpd itself, would ignore "stevedore stop" until the SIGKILL 10 seconds later).
httpd -f -v -p 80 -h /app/www &
pid=$!
trap 'kill -TERM "$pid"; wait "$pid"; exit 0' TERM INT
wait "$pid"
