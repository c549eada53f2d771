/*
 * faultvfs.h — an SQLite VFS for tests that fails the Nth write or sync.
 *
 * It wraps the platform's own VFS ("unix") and becomes the default, so that every connection the
 * library opens goes through it. While armed, it counts each xWrite and xSync on any file (database,
 * WAL, journal) and fails the one numbered fail_at, and every one after it (a disk that is full stays
 * full), with the code given: SQLITE_FULL, SQLITE_IOERR_WRITE or SQLITE_IOERR_FSYNC (the latter for
 * syncs only; writes then fail with SQLITE_IOERR_WRITE). Disarmed, it passes everything through.
 */
#ifndef JIXIAO_TEST_FAULTVFS_H
#define JIXIAO_TEST_FAULTVFS_H

#include <stdbool.h>

/* Registers the VFS as the default (once). */
void faultvfs_install(void);

/* Arms the VFS: the fail_at-th write or sync from now on (1 = the first) and all later ones fail with
 * code. */
void faultvfs_arm(unsigned fail_at, int code);

/* Disarms it. Returns true if a fault was injected while it was armed. */
bool faultvfs_disarm(void);

#endif
