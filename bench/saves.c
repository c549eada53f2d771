/*
 * saves.c — bench-saves DB N: the cost of a durable commit. Makes N small writes to the store at DB (a
 * project's 重点 flag set and cleared, one transaction each, as the web system's saves are) and prints
 * "saves=N total_ms=T per_save_us=U p99_us=P". bench/run runs it with the default synchronous = FULL
 * and with JIXIAO_SQLITE_SYNCHRONOUS=NORMAL to show what durability across power loss costs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "jixiao/err.h"
#include "jixiao/publish.h"
#include "jixiao/store.h"

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int by_value(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct jx_store *st;
	struct jx_err err = { 0 };
	long long start, *lat;
	int n, i;

	if (argc != 3 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: bench-saves DB N (DB holds project 1)\n");
		return 2;
	}
	if (jx_store_open(&st, argv[1], 0, &err)) {
		fprintf(stderr, "bench-saves: %s\n", err.msg);
		return 2;
	}
	lat = calloc((size_t)n, sizeof(*lat));
	start = now_us();
	for (i = 0; i < n; i++) {
		long long t = now_us();

		if (jx_mark(st, 1, i % 2 == 0, -1, "bench", &err)) {
			fprintf(stderr, "bench-saves: %s\n", err.msg);
			return 2;
		}
		lat[i] = now_us() - t;
	}
	qsort(lat, (size_t)n, sizeof(*lat), by_value);
	printf("saves=%d total_ms=%lld per_save_us=%lld p99_us=%lld\n", n, (now_us() - start) / 1000,
	       (now_us() - start) / n, lat[(size_t)n * 99 / 100]);
	free(lat);
	jx_store_close(st);
	return 0;
}
