/*
 * rusage.c — bench-rusage: runs a command and reports what it took.
 *
 *   bench-rusage CMD [ARG…]
 *
 * Runs CMD (looked up in PATH), waits for it and prints one line to stderr:
 *
 *   wall_ms=1234 maxrss_kb=5678 exit=0
 *
 * wall_ms is the monotonic time from before fork to after wait4; maxrss_kb is the child's peak
 * resident set as wait4 reports it (kilobytes on Linux); exit is its exit status, or 128 + the signal
 * that ended it. bench-rusage exits with that same status (127 if CMD could not be run).
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	long long ms;
	pid_t pid;
	int status, code;

	if (argc < 2) {
		fputs("usage: bench-rusage CMD [ARG...]\n", stderr);
		return 2;
	}
	fflush(NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench-rusage: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "bench-rusage: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "bench-rusage: wait4: %s\n", strerror(errno));
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (long long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		code = 128 + WTERMSIG(status);
	else
		code = 127;
	fprintf(stderr, "wall_ms=%lld maxrss_kb=%ld exit=%d\n", ms, ru.ru_maxrss, code);
	return code;
}
