"""Shared by the server tests that run their own jixiao serve: TAP cases, the command, a server on a
free port, and plain HTTP requests with the standard library only."""
import http.client
import json
import os
import shutil
import re
import select
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse

JIXIAO = os.environ.get("JIXIAO")
SRC = os.environ.get("JIXIAO_SRC") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(SRC, "data", "samples", "bohu-2021.txt")

os.environ.setdefault("ASAN_OPTIONS", "detect_leaks=1")
os.environ.setdefault("LSAN_OPTIONS", "suppressions=%s:print_suppressions=0" % os.path.join(SRC, "tests", "lsan.supp"))
os.environ.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
os.environ.pop("JIXIAO_DB", None)


class Tap:
    """Test cases in TAP: each passes unless it raises; diagnostics follow a failure as # lines."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def case(self, name, fn):
        self.count += 1
        try:
            fn()
            print("ok %d - %s" % (self.count, name), flush=True)
        except Exception as e:  # noqa: BLE001 - a test case reports whatever went wrong
            self.failed += 1
            print("not ok %d - %s" % (self.count, name), flush=True)
            msg = (str(e) if isinstance(e, AssertionError) else "") or traceback.format_exc()
            for line in msg.rstrip().splitlines():
                print("# " + line[:2000], flush=True)

    def skip_all(self, why):
        print("1..0 # SKIP %s" % why, flush=True)
        sys.exit(0)

    def finish(self):
        print("1..%d" % self.count, flush=True)
        sys.exit(1 if self.failed else 0)


def check(cond, *what):
    if not cond:
        raise AssertionError(" ".join(str(w) for w in what) or "condition failed")


def eq(got, want, what=""):
    if got != want:
        raise AssertionError("%sgot %r, expected %r" % (what + ": " if what else "", got, want))


def connect(port, source="127.0.0.1", timeout=10):
    """A socket connected to 127.0.0.1:port from the local address source (any of 127.0.0.0/8)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def exchange(port, head, chunks=(), source="127.0.0.1", timeout=30):
    """Sends head, then each of chunks, while reading the answer in another thread, so that an answer the
    server gives before the body is read (and the connection it then closes) is not lost. Returns the
    bytes answered."""
    s = connect(port, source, timeout)
    got = []

    def reader():
        buf = b""
        try:
            while True:
                c = s.recv(65536)
                if not c:
                    break
                buf += c
        except OSError:
            pass
        got.append(buf)
    t = threading.Thread(target=reader)
    t.start()
    try:
        s.sendall(head)
        for c in chunks:
            s.sendall(c)
    except OSError:
        pass  # the server stopped reading: its answer is what counts
    t.join(timeout)
    s.close()
    return got[0] if got else b""


def raw_status(out):
    """The status of a raw HTTP answer, or None."""
    m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
    return int(m.group(1)) if m else None


def raw_header(out, name):
    head = out.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    for line in head.split("\r\n")[1:]:
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return None


def raw_body(out):
    i = out.find(b"\r\n\r\n")
    return out[i + 4:] if i >= 0 else b""


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "HTTP %d %s" % (self.status, self.body[:600].decode("utf-8", errors="replace"))


class Server:
    """jixiao serve on db, on a free port of 127.0.0.1, its stderr kept in err_path."""

    def __init__(self, db, err_path, threads=4, args=()):
        self.db = db
        self.err_path = err_path
        self.threads = threads
        self.args = list(args)  # more options of serve (--secure-cookies …)
        self.proc = None
        self.port = None

    def cli(self, *args, stdin=None, user="setup", ok=True):
        r = subprocess.run([JIXIAO, "--db", self.db, "--user", user] + list(args), input=stdin, capture_output=True,
                           timeout=300)
        if ok and r.returncode != 0:
            raise AssertionError("jixiao %s: exit %d\n%s%s" % (" ".join(args), r.returncode,
                                                              r.stdout.decode(errors="replace"),
                                                              r.stderr.decode(errors="replace")))
        return r

    def start(self):
        with open(self.err_path, "ab") as errf:
            self.proc = subprocess.Popen([JIXIAO, "--db", self.db, "serve", "--listen", "127.0.0.1:0", "--threads",
                                          str(self.threads)] + self.args, stdout=subprocess.PIPE, stderr=errf)
        line = b""
        deadline = time.time() + 30
        while not line.endswith(b"\n") and time.time() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 1)
            if ready:
                c = os.read(self.proc.stdout.fileno(), 4096)
                if not c:
                    break
                line += c
        m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise AssertionError("no address printed: %r; stderr: %s" % (line, self.log()[-2000:]))
        self.port = int(m.group(1))

    def stop(self):
        """SIGTERM; returns the exit status (None if it had to be killed)."""
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def log(self):
        with open(self.err_path, "rb") as f:
            return f.read().decode("utf-8", errors="replace")

    def memory_kib(self):
        """The server's resident memory now and at its peak (VmRSS, VmHWM), in KiB."""
        got = {}
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    got[k] = int(v.split()[0])
        return got["VmRSS"], got["VmHWM"]

    def connect(self, source="127.0.0.1", timeout=10):
        """A socket connected to the server from the local address source (any of 127.0.0.0/8)."""
        return connect(self.port, source, timeout)

    def exchange(self, head, chunks=(), source="127.0.0.1", timeout=30):
        """exchange() with this server."""
        return exchange(self.port, head, chunks, source, timeout)

    def stop_cleanly(self):
        """Stops the server: it must exit 0, and its log hold no sanitizer report."""
        eq(self.stop(), 0, "the server's exit status")
        log = self.log()
        check("ERROR: AddressSanitizer" not in log and "runtime error" not in log, log[-3000:])

    def call(self, method, path, sess=None, data=None, timeout=30, form=None, source=None, headers=None):
        """One request on a connection of its own; data is sent as JSON, form (pairs) url-encoded with
        the session's csrf field; sess is (token, csrf); source: the local address to connect from
        (another 127.x.y.z stands for another client)."""
        h = dict(headers or {})
        body = None
        if form is not None:
            pairs = list(form) + ([("csrf", sess[1])] if sess else [])
            body = urllib.parse.urlencode(pairs).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if sess:
            h["Cookie"] = "jx_session=" + sess[0]
            if method not in ("GET", "HEAD") and form is None:
                h["X-CSRF-Token"] = sess[1]
        if data is not None:
            body = json.dumps(data, ensure_ascii=False).encode()
            h["Content-Type"] = "application/json"
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                       source_address=(source, 0) if source else None)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            return Resp(r.status, r.getheaders(), r.read())
        finally:
            c.close()

    def login(self, name, password):
        """Signs in through the API; returns (token, csrf)."""
        r = self.call("POST", "/api/login", data={"user": name, "password": password})
        if r.status != 200:
            raise AssertionError("login %s: %r" % (name, r))
        m = re.match(r"jx_session=([0-9a-f]+);", r.header("Set-Cookie") or "")
        check(m, "no session cookie:", r.header("Set-Cookie"))
        return (m.group(1), r.json()["csrf"])


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Nginx:
    """nginx in the foreground as a round-robin load balancer in front of backend ports, everything it
    writes (configuration, pid, logs, temporary files) in directory; as root it runs as nobody. Each
    answer names the backend that gave it in the header X-Upstream."""

    def __init__(self, directory, backends):
        self.dir = directory
        self.backends = backends
        self.port = None
        self.proc = None

    def start(self):
        d = self.dir
        os.makedirs(os.path.join(d, "tmp"), exist_ok=True)
        self.port = free_port()
        upstream = "".join("\t\tserver 127.0.0.1:%d;\n" % p for p in self.backends)
        temps = "".join("\t%s_temp_path %s/tmp/%s;\n" % (t, d, t) for t in ("client_body", "proxy", "fastcgi",
                                                                          "uwsgi", "scgi"))
        with open(os.path.join(d, "nginx.conf"), "w") as f:
            f.write("worker_processes 1;\ndaemon off;\npid %s/nginx.pid;\nerror_log %s/error.log warn;\n"
                    "events {\n\tworker_connections 256;\n}\nhttp {\n\taccess_log off;\n%s"
                    "\tupstream jixiao {\n%s\t}\n"
                    "\tserver {\n\t\tlisten 127.0.0.1:%d;\n\t\tlocation / {\n\t\t\tproxy_pass http://jixiao;\n"
                    "\t\t\tproxy_set_header Host $host;\n\t\t\tproxy_next_upstream off;\n"
                    "\t\t\tadd_header X-Upstream $upstream_addr always;\n\t\t}\n\t}\n}\n"
                    % (d, d, temps, upstream, self.port))
        cmd = ["nginx", "-p", d + "/", "-c", os.path.join(d, "nginx.conf"), "-e", os.path.join(d, "error.log")]
        if os.getuid() == 0:  # never as root: the nobody account, owning the directory it works in
            subprocess.run(["chown", "-R", "nobody", d], check=True)
            parent = os.path.dirname(os.path.abspath(d))
            os.chmod(parent, os.stat(parent).st_mode | 0o111)  # a temporary directory is 0700
            cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + cmd
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "nginx.err"), "wb"))
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                c.request("GET", "/")
                c.getresponse().read()
                c.close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not start: %s" % self.log())

    def log(self):
        out = ""
        for name in ("nginx.err", "error.log"):
            try:
                with open(os.path.join(self.dir, name), errors="replace") as f:
                    out += f.read()
            except OSError:
                pass
        return out

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run_cases(tap, srv, tmp, cases):
    """Runs the (title, function) cases in order, then stops the server cleanly as the last case (its
    stderr free of sanitizer reports); whatever happens, a server left running is killed and tmp is
    removed. Ends the TAP output."""
    try:
        for title, fn in cases:
            tap.case(title, fn)
        tap.case("the server stops cleanly, no sanitizer report", srv.stop_cleanly)
    finally:
        if srv.proc and srv.proc.poll() is None:
            srv.proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()
