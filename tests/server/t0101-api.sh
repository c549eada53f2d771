#!/bin/sh
# The web system's API and pages against a running jixiao serve (the sanitized build, $JIXIAO): who may
# do what, CSRF, bad and hostile requests, throttling, the log and the shutdown. See api_test.py.
exec python3 "$(dirname "$0")/api_test.py"
