#!/bin/sh
# The app: "Hello World!", the container's hostname and a visit counter kept in a file.
counter=/app/data/visits
visits=$(( $(cat "$counter" 2>/dev/null || echo 0) + 1 ))
echo "$visits" > "$counter"
printf 'Content-Type: text/html\r\n\r\n'
printf '<h3>Hello %s!</h3><b>Hostname:</b> %s<br/><b>Visits:</b> %s\n' "${NAME:-world}" "$(hostname)" "$visits"
