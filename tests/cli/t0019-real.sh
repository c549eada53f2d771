#!/bin/sh
# Real published target tables, kept as found with their source (tests/data/real): each imports exactly
# as read by hand, or is refused with the reason recorded beside it; at least 18 read exactly.
exec python3 "$JIXIAO_SRC/tests/cli/real_corpus.py"
