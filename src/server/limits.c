/*
 * limits.c — what strangers may hold of the server: connections (in all and per address), the time to
 * send a request's headers, and the memory of request bodies in flight.
 *
 * Every connection libmicrohttpd accepts is noted here (MHD_OPTION_NOTIFY_CONNECTION, srv_conn_notify)
 * with its socket, its address and the phase it is in:
 *
 *   waiting    from connecting, or from the end of its last request, until its headers are complete
 *   receiving  its headers are in; its body (if any) is arriving
 *   answering  the request is being answered
 *
 * A reaper thread shuts the socket of a connection that has waited longer than the header deadline;
 * libmicrohttpd then reads the end of the stream and closes it. (libmicrohttpd's own timeout is an idle
 * one, which a client sending a byte now and then never meets.) Past the connection limit, the oldest
 * waiting connection is shut to make room; when none waits, the new connection's request is answered
 * 503. A connection from an address that already holds the per-address limit is answered 503 with
 * Retry-After when its request arrives, instead of being closed without a word. IPv6 addresses count
 * by their /64, which one client usually holds whole.
 *
 * The body budget is a count of the bytes of request bodies held in memory; http.c takes from it before
 * it buffers a body and gives back when the request ends.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "jixiao/alloc.h"
#include "server.h"

#define PEER_BUCKETS 4096
#define REAP_EVERY_MS 250

enum phase { WAITING, RECEIVING, ANSWERING };

struct peer {
	struct peer *next;      /* in its bucket */
	unsigned char addr[16]; /* IPv4 as ::ffff:a.b.c.d; IPv6 cut to its /64 */
	unsigned n;             /* open connections from it */
};

struct conn {
	struct conn *prev, *next; /* the list of open connections, oldest first */
	int fd;                   /* -1 once shut by the reaper */
	/* the phase and when it began (CLOCK_MONOTONIC, ns): set by the connection's own thread without
	 * the lock (three times a request), read under it — since is stored before phase and read after
	 * it, so that a phase seen is never paired with the time of the one before */
	uint64_t since;
	enum phase phase;
	int refused;              /* 0, or SRV_REFUSED_*: its request is answered 503 */
	struct peer *peer;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct conn conns = { &conns, &conns, -1, 0, WAITING, 0, NULL }; /* the list's head */
static size_t n_conns;
static struct peer *peers[PEER_BUCKETS];
static unsigned char hash_key[crypto_shorthash_KEYBYTES];
static const struct srv_opts *lim;
static pthread_t reaper;
static bool reaping, stopping;
static size_t budget_used;

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The key an address counts under. */
static void peer_key(const struct sockaddr *sa, unsigned char key[16])
{
	memset(key, 0, 16);
	if (sa && sa->sa_family == AF_INET) {
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	} else if (sa && sa->sa_family == AF_INET6) {
		memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 8);
	}
}

static struct peer **bucket(const unsigned char key[16])
{
	unsigned char h[crypto_shorthash_BYTES];
	uint64_t v;

	crypto_shorthash(h, key, 16, hash_key);
	memcpy(&v, h, sizeof(v));
	return &peers[v % PEER_BUCKETS];
}

/* The peer of key, made if new, with one more connection. The caller holds the lock. */
static struct peer *peer_add(const unsigned char key[16])
{
	struct peer **b = bucket(key), *p;

	for (p = *b; p; p = p->next)
		if (memcmp(p->addr, key, 16) == 0)
			break;
	if (!p) {
		p = jx_calloc(1, sizeof(*p));
		memcpy(p->addr, key, 16);
		p->next = *b;
		*b = p;
	}
	p->n++;
	return p;
}

static void peer_drop(struct peer *p)
{
	struct peer **b;

	if (--p->n)
		return;
	for (b = bucket(p->addr); *b != p; b = &(*b)->next)
		;
	*b = p->next;
	free(p);
}

/* Shuts a connection's socket: libmicrohttpd's thread sees the stream end and closes it. */
static void shut(struct conn *c)
{
	if (c->fd >= 0)
		shutdown(c->fd, SHUT_RDWR);
	c->fd = -1;
}

/* Makes room past the connection limit: shuts the connection that has waited longest for its
 * headers, other than c. Returns false if none waits. */
static bool waiting_since(const struct conn *c, uint64_t *since);

static bool evict(struct conn *c)
{
	struct conn *x, *oldest = NULL;
	uint64_t since, first = 0;

	for (x = conns.next; x != &conns; x = x->next)
		if (x != c && waiting_since(x, &since) && (!oldest || since < first))
			oldest = x, first = since;
	if (oldest)
		shut(oldest);
	return oldest != NULL;
}

static struct conn *conn_open(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *fd = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
	const union MHD_ConnectionInfo *ad = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct conn *c = jx_calloc(1, sizeof(*c));
	unsigned char key[16];

	c->fd = fd ? fd->connect_fd : -1;
	c->since = mono_ns();
	c->phase = WAITING;
	peer_key(ad ? ad->client_addr : NULL, key);
	pthread_mutex_lock(&lock);
	c->peer = peer_add(key);
	c->prev = conns.prev;
	c->next = &conns;
	conns.prev->next = c;
	conns.prev = c;
	n_conns++;
	if (lim && lim->max_per_address && c->peer->n > lim->max_per_address)
		c->refused = SRV_REFUSED_ADDRESS;
	else if (lim && n_conns > lim->max_connections && !evict(c))
		c->refused = SRV_REFUSED_FULL;
	pthread_mutex_unlock(&lock);
	return c;
}

static void conn_close(struct conn *c)
{
	pthread_mutex_lock(&lock);
	c->prev->next = c->next;
	c->next->prev = c->prev;
	n_conns--;
	peer_drop(c->peer);
	pthread_mutex_unlock(&lock);
	free(c);
}

void srv_conn_notify(void *cls, struct MHD_Connection *mc, void **ctx, enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*ctx = conn_open(mc);
	} else if (*ctx) {
		conn_close(*ctx);
		*ctx = NULL;
	}
}

static struct conn *conn_of(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *i = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return i ? i->socket_context : NULL;
}

static void set_phase(struct MHD_Connection *mc, enum phase phase)
{
	struct conn *c = conn_of(mc);

	if (!c)
		return;
	__atomic_store_n(&c->since, mono_ns(), __ATOMIC_RELAXED);
	__atomic_store_n(&c->phase, phase, __ATOMIC_RELEASE);
}

/* Whether c is waiting for its headers, and since when (*since, ns). */
static bool waiting_since(const struct conn *c, uint64_t *since)
{
	if (__atomic_load_n(&c->phase, __ATOMIC_ACQUIRE) != WAITING || c->fd < 0)
		return false;
	*since = __atomic_load_n(&c->since, __ATOMIC_RELAXED);
	return true;
}

int srv_conn_begin(struct MHD_Connection *mc)
{
	struct conn *c = conn_of(mc);

	set_phase(mc, RECEIVING);
	return c ? c->refused : 0;
}

void srv_conn_received(struct MHD_Connection *mc)
{
	set_phase(mc, ANSWERING);
}

void srv_conn_done(struct MHD_Connection *mc)
{
	set_phase(mc, WAITING);
}

bool srv_budget_take(size_t n)
{
	bool ok;

	pthread_mutex_lock(&lock);
	ok = !lim || n <= lim->body_budget - budget_used;
	if (ok)
		budget_used += n;
	pthread_mutex_unlock(&lock);
	return ok;
}

void srv_budget_give(size_t n)
{
	if (!n)
		return; /* every request without a body */
	pthread_mutex_lock(&lock);
	budget_used -= n;
	pthread_mutex_unlock(&lock);
}

/* Every REAP_EVERY_MS: shuts the connections that have waited past the header deadline. */
static void *reap(void *arg)
{
	struct timespec at;
	struct conn *c;
	uint64_t now, since, deadline = (uint64_t)lim->header_timeout * 1000000000u;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_nsec += REAP_EVERY_MS * 1000000L;
		if (at.tv_nsec >= 1000000000L)
			at.tv_sec++, at.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&wake, &lock, &at);
		now = mono_ns();
		for (c = conns.next; c != &conns; c = c->next)
			if (waiting_since(c, &since) && now > since && now - since > deadline)
				shut(c);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int srv_limits_start(const struct srv_opts *o)
{
	randombytes_buf(hash_key, sizeof(hash_key));
	lim = o;
	stopping = false;
	reaping = o->header_timeout && pthread_create(&reaper, NULL, reap, NULL) == 0;
	return o->header_timeout && !reaping ? -1 : 0;
}

void srv_limits_stop(void)
{
	if (!reaping)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(reaper, NULL);
	reaping = false;
}
