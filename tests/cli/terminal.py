#!/usr/bin/env python3
"""terminal.py — runs a command on a pseudo-terminal and types answers at its prompts.

  terminal.py PROMPT=ANSWER... -- COMMAND [ARG...]

Waits for each PROMPT to appear on the terminal, types ANSWER and Enter, then prints everything the
terminal showed (so that a test can see what was echoed) and exits with the command's status. Gives up
after 30 seconds without output. Only the standard library is used.
"""
import os
import pty
import select
import sys


def read_some(fd):
    ready, _, _ = select.select([fd], [], [], 30)
    if not ready:
        sys.exit("terminal.py: no output for 30 seconds")
    try:
        return os.read(fd, 4096)
    except OSError:  # the command ended and the terminal closed
        return b""


def main():
    split = sys.argv.index("--")
    pairs = [a.split("=", 1) for a in sys.argv[1:split]]
    command = sys.argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    shown, seen = b"", 0
    for prompt, answer in pairs:
        while shown.find(prompt.encode(), seen) < 0:
            chunk = read_some(fd)
            if not chunk:
                break
            shown += chunk
        seen = len(shown)
        os.write(fd, answer.encode() + b"\n")
    while True:
        chunk = read_some(fd)
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode(errors="replace").replace("\r\n", "\n"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
