/*
 * faultvfs.c — an SQLite VFS that fails the Nth write or sync (see faultvfs.h).
 *
 * Each file it opens is the platform VFS's file, placed right after a small header of ours that points
 * at our io methods; every method but xWrite and xSync is handed straight on.
 */
#include <sqlite3.h>
#include <string.h>

#include "faultvfs.h"

struct ffile {
	sqlite3_file base;  /* pMethods: ours */
	sqlite3_file *real; /* the platform VFS's file, which follows this header */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static struct {
	bool armed;
	unsigned count;  /* writes and syncs seen while armed */
	unsigned fail_at;
	int code;
	bool injected;
} fault;

/* True (and the fault noted) if this write or sync is to fail. */
static bool fails(void)
{
	if (!fault.armed)
		return false;
	if (++fault.count < fault.fail_at)
		return false;
	fault.injected = true;
	return true;
}

static sqlite3_file *real(sqlite3_file *f)
{
	return ((struct ffile *)f)->real;
}

static int f_close(sqlite3_file *f)
{
	return real(f)->pMethods->xClose(real(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return real(f)->pMethods->xRead(real(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (fails())
		return fault.code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	return real(f)->pMethods->xWrite(real(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real(f)->pMethods->xTruncate(real(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	if (fails())
		return fault.code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_FSYNC;
	return real(f)->pMethods->xSync(real(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real(f)->pMethods->xFileSize(real(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	return real(f)->pMethods->xLock(real(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return real(f)->pMethods->xUnlock(real(f), level);
}

static int f_check(sqlite3_file *f, int *out)
{
	return real(f)->pMethods->xCheckReservedLock(real(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return real(f)->pMethods->xFileControl(real(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return real(f)->pMethods->xSectorSize(real(f));
}

static int f_chars(sqlite3_file *f)
{
	return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

static int f_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **out)
{
	return real(f)->pMethods->xShmMap(real(f), pg, size, extend, out);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return real(f)->pMethods->xShmLock(real(f), off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	real(f)->pMethods->xShmBarrier(real(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return real(f)->pMethods->xShmUnmap(real(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	return real(f)->pMethods->xFetch(real(f), off, n, out);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return real(f)->pMethods->xUnfetch(real(f), off, p);
}

static const sqlite3_io_methods methods = {
	3,	      f_close,	     f_read,	    f_write,	   f_truncate, f_sync,	  f_size,
	f_lock,	      f_unlock,	     f_check,	    f_control,	   f_sector,   f_chars,	  f_shm_map,
	f_shm_lock,   f_shm_barrier, f_shm_unmap,   f_fetch,	   f_unfetch,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	struct ffile *f = (struct ffile *)file;
	int rc;

	(void)vfs;
	f->real = (sqlite3_file *)(f + 1);
	memset(f->real, 0, (size_t)real_vfs->szOsFile);
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	f->base.pMethods = f->real->pMethods ? &methods : NULL;
	return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dlerror(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, out);
}

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int v_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

void faultvfs_install(void)
{
	if (real_vfs)
		return;
	real_vfs = sqlite3_vfs_find("unix");
	fault_vfs = (sqlite3_vfs){ 2,
				   (int)sizeof(struct ffile) + real_vfs->szOsFile,
				   real_vfs->mxPathname,
				   NULL,
				   "fault",
				   NULL,
				   v_open,
				   v_delete,
				   v_access,
				   v_full,
				   v_dlopen,
				   v_dlerror,
				   v_dlsym,
				   v_dlclose,
				   v_random,
				   v_sleep,
				   v_time,
				   v_last_error,
				   v_time64,
				   NULL,
				   NULL,
				   NULL };
	sqlite3_vfs_register(&fault_vfs, 1);
}

void faultvfs_arm(unsigned fail_at, int code)
{
	fault.armed = true;
	fault.count = 0;
	fault.fail_at = fail_at;
	fault.code = code;
	fault.injected = false;
}

bool faultvfs_disarm(void)
{
	fault.armed = false;
	return fault.injected;
}
