#!/bin/sh
# Past the per-address connection limit a request is answered 503 with Retry-After, not closed without
# a word. See per_address_test.py.
exec python3 "$(dirname "$0")/per_address_test.py"
