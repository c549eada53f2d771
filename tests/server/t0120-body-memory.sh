#!/bin/sh
# Request bodies do not pile up in memory: strangers' big bodies are refused from their headers, and a
# budget bounds the bodies held at once. See body_memory_test.py.
exec python3 "$(dirname "$0")/body_memory_test.py"
