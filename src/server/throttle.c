/*
 * throttle.c — login attempts limited per account and per address: after THROTTLE_ACCOUNT failures
 * for one account, or THROTTLE_ADDR from one address, within THROTTLE_WINDOW seconds, further
 * attempts are refused (429) until the window has passed. A success clears the account's count.
 *
 * Memory is fixed: each table is a set of 4-way buckets keyed by a keyed hash (a name or address an
 * attacker chooses cannot be made to collide on purpose); a new key takes its bucket's stalest entry.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "server.h"

#define THROTTLE_ACCOUNT 5
#define THROTTLE_ADDR 20
#define THROTTLE_WINDOW 900 /* seconds */
#define BUCKETS 1024
#define WAYS 4

struct slot {
	uint64_t h; /* 0: empty */
	unsigned fails;
	time_t first; /* the window's first failure */
};

struct table {
	struct slot s[BUCKETS][WAYS];
	unsigned limit;
};

static struct table accounts = { .limit = THROTTLE_ACCOUNT }, addrs = { .limit = THROTTLE_ADDR };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char key[crypto_shorthash_KEYBYTES];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void key_make(void)
{
	randombytes_buf(key, sizeof(key));
}

static uint64_t hash(const char *s)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h;

	pthread_once(&key_once, key_make);
	crypto_shorthash(out, (const unsigned char *)s, strlen(s), key);
	memcpy(&h, out, sizeof(h));
	return h ? h : 1;
}

/* The slot of h (claiming one if create), or NULL. The caller holds the lock. */
static struct slot *find(struct table *t, uint64_t h, time_t now, int create)
{
	struct slot *b = t->s[h % BUCKETS], *victim = &b[0];
	int i;

	for (i = 0; i < WAYS; i++) {
		if (b[i].h == h) {
			if (now - b[i].first >= THROTTLE_WINDOW) /* the window has passed: start afresh */
				b[i].fails = 0, b[i].first = now;
			return &b[i];
		}
		if (victim->h && (!b[i].h || b[i].first < victim->first))
			victim = &b[i]; /* an empty slot, else the stalest */
	}
	if (!create)
		return NULL;
	victim->h = h;
	victim->fails = 0;
	victim->first = now;
	return victim;
}

static long blocked(struct table *t, uint64_t h, time_t now)
{
	struct slot *s = find(t, h, now, 0);

	return s && s->fails >= t->limit ? (long)(s->first + THROTTLE_WINDOW - now) : 0;
}

bool srv_throttle_allow(const char *name, const char *addr, long *retry)
{
	uint64_t hn = hash(name), ha = hash(addr);
	time_t now = time(NULL);
	long a, b;

	pthread_mutex_lock(&lock);
	a = blocked(&accounts, hn, now);
	b = blocked(&addrs, ha, now);
	pthread_mutex_unlock(&lock);
	*retry = a > b ? a : b;
	if (*retry < 1 && (a || b))
		*retry = 1;
	return !a && !b;
}

void srv_throttle_note(const char *name, const char *addr, bool ok)
{
	uint64_t hn = hash(name), ha = hash(addr);
	time_t now = time(NULL);
	struct slot *s;

	pthread_mutex_lock(&lock);
	if (ok) {
		if ((s = find(&accounts, hn, now, 0)))
			s->fails = 0;
	} else {
		find(&accounts, hn, now, 1)->fails++;
		find(&addrs, ha, now, 1)->fails++;
	}
	pthread_mutex_unlock(&lock);
}
