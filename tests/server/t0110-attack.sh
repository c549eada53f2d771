#!/bin/sh
# The attack run of issue 17 against a sanitized jixiao serve: field rights, no existence oracle,
# foreign ids answered as missing, throttling across threads and restarts, no lock-out by a stranger,
# weak passwords, Secure cookies. See attack_test.py.
exec python3 "$(dirname "$0")/attack_test.py"
