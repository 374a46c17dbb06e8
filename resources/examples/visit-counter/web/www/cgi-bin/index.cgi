#!/bin/sh
# Adds one to the "visits" key in Redis and shows the new count.
# Redis speaks plain text over TCP: "INCR visits" answers ":N"; QUIT closes the connection so nc ends.
count=$(printf 'INCR visits\r\nQUIT\r\n' | nc redis 6379 | head -n 1 | tr -d ':\r')

printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
case "$count" in
  '' | *[!0-9]*) printf '<!doctype html>\n<title>Visit counter</title>\n<p>Redis did not answer with a count.</p>\n' ;;
  *) printf '<!doctype html>\n<title>Visit counter</title>\n<h1>Visits: %s</h1>\n<p>Reload the page to count one more visit. Redis keeps the count.</p>\n' "$count" ;;
esac
