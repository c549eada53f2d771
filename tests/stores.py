"""The stores of the Python tests: SQLite files, or, with $JIXIAO_TEST_PG naming a PostgreSQL server
(scripts/with-pg; a connection URI without a database), databases of this process's own on it, dropped
when it exits. tests/cli/lib.sh does the same for the shell tests."""
import atexit
import os
import subprocess

PG = os.environ.get("JIXIAO_TEST_PG") or None
PREFIX = "py%d_" % os.getpid()


def on_pg():
    return PG is not None


def location(tmp, name):
    """The location of the store name: tmp/name.db, or a database on the server."""
    return "%s/%s%s" % (PG, PREFIX, name) if PG else os.path.join(tmp, name + ".db")


def psql(database, sql):
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "%s/%s" % (PG, database), "-c", sql],
                       capture_output=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError("psql: %s" % r.stderr.decode(errors="replace"))
    return r.stdout.decode().strip()


def holds_store(tmp, name):
    """True if the store name exists: the file, or jixiao's tables in the database."""
    if not PG:
        return os.path.exists(location(tmp, name))
    if psql("postgres", "SELECT count(*) FROM pg_database WHERE datname = '%s%s'" % (PREFIX, name)) != "1":
        return False
    return psql(PREFIX + name, "SELECT to_regclass('jixiao_schema') IS NOT NULL") == "t"


def drop_all():
    names = psql("postgres", "SELECT datname FROM pg_database WHERE starts_with(datname, '%s')" % PREFIX)
    for name in names.split():
        psql("postgres", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)


if PG:
    atexit.register(drop_all)
