#!/usr/bin/env python3
"""The abuse mix against `kamervragen serve`, for the closing figures of hostile-input work.

Starts `target/release/kamervragen serve seeds --timeout 5` (or the binary named by
$KAMERVRAGEN) on a free loopback port and, for DURATION seconds (default 60), runs at once:
deeply nested queries, cross-joins of VALUES, sorts of every pair of quads, slow-loris clients
(a byte every 2 s), cache filling (unique 7.5 KB Accept headers) and 50 concurrent slow
queries. A probe asks a cheap query every second throughout. Then it reports: whether the
server is still up, requests answered by status, the probe's latencies, the peak resident
memory, the memory 1 s after the last 503 and the CPU used in the second after, and the
threads alive 5 s after the last 503.

    cargo build --release && python3 bench/abuse.py [DURATION]
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHEAP = "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Question }"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, query, accept="text/csv", timeout=30):
    """Sends one POST; the status (0 when the connection failed) and the time taken."""
    body = urllib.parse.urlencode({"query": query}).encode()
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept: {accept}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(head + body)
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    except OSError:
        status = 0
    return status, time.monotonic() - started


def proc_status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    """User and system time of the process so far, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    port = free_port()
    binary = os.environ.get("KAMERVRAGEN", os.path.join(ROOT, "target/release/kamervragen"))
    server = subprocess.Popen(
        [binary, "serve", "seeds", "--quiet", "--bind", f"127.0.0.1:{port}", "--timeout", "5"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    server.stdout.readline()
    stop = time.monotonic() + DURATION
    statuses = {}
    last_503 = [0.0]
    probe = []
    lock = threading.Lock()

    def record(status):
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if status == 503:
                last_503[0] = time.monotonic()

    values = lambda n: "VALUES ?%s { %s }" % (n, " ".join(str(i) for i in range(1000)))
    attacks = {
        "nesting": lambda: "ASK { FILTER(" + "(" * 1000 + "true" + ")" * 1000 + ") }",
        "cross-join": lambda: "SELECT ?a WHERE { %s %s %s } ORDER BY ?a LIMIT 1"
        % (values("a"), values("b"), values("c")),
        "slow-join": lambda: "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        # Every pair of quads sorted: memory that grows until --max-memory stops it.
        "sort": lambda: "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a",
    }

    def attacker(kind):
        while time.monotonic() < stop:
            record(request(port, attacks[kind]())[0])

    def cache_filler():
        n = 0
        while time.monotonic() < stop:
            n += 1
            record(request(port, CHEAP, accept=f"text/csv;q=0.{n % 9 + 1},x/{n}-" + "x" * 7500)[0])

    def slow_loris():
        while time.monotonic() < stop:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                    for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" * 100:
                        if time.monotonic() > stop:
                            break
                        s.send(bytes([byte]))
                        time.sleep(2)
            except OSError:
                pass

    uncached = []

    def prober():
        n = 0
        while time.monotonic() < stop:
            status, took = request(port, CHEAP, timeout=10)
            # The same query made new by a comment: not in the cache, so it needs a place
            # among the evaluations that the slow queries compete for.
            n += 1
            fresh = request(port, f"{CHEAP} # {n}", timeout=10)
            with lock:
                probe.append((status, took))
                uncached.append(fresh)
            time.sleep(1)

    threads = [threading.Thread(target=prober)]
    threads += [
        threading.Thread(target=attacker, args=(k,)) for k in ("nesting", "cross-join", "sort")
    ]
    threads += [threading.Thread(target=attacker, args=("slow-join",)) for _ in range(50)]
    threads += [threading.Thread(target=cache_filler)]
    threads += [threading.Thread(target=slow_loris) for _ in range(10)]
    peak = 0
    for t in threads:
        t.start()
    while time.monotonic() < stop:
        if server.poll() is not None:
            break
        peak = max(peak, proc_status(server.pid, "VmRSS"))
        time.sleep(0.5)
    for t in threads:
        t.join()
    alive = server.poll() is None
    if alive:
        time.sleep(max(0.0, last_503[0] + 1 - time.monotonic()))
        rss_after = proc_status(server.pid, "VmRSS")
        cpu_before = cpu_ticks(server.pid)
        time.sleep(1)
        cpu_after = (cpu_ticks(server.pid) - cpu_before) / os.sysconf("SC_CLK_TCK")
        wait = max(0.0, last_503[0] + 5 - time.monotonic())
        time.sleep(wait)
        threads_after = proc_status(server.pid, "Threads")
        after_status, after_took = request(port, CHEAP)
        server.kill()
    server.wait()
    answered = [took for status, took in probe if status == 200]
    print(f"duration: {DURATION:.0f} s; server still up at the end: {alive}")
    print("answers by status:", dict(sorted(statuses.items())))
    print(
        f"cheap query during the abuse: {len(answered)} of {len(probe)} answered 200; "
        + (
            f"median {statistics.median(answered) * 1000:.0f} ms, max {max(answered) * 1000:.0f} ms"
            if answered
            else "none answered"
        )
    )
    fresh = [took for status, took in uncached if status == 200]
    print(
        f"the same query, uncached: {len(fresh)} of {len(uncached)} answered 200"
        + (f"; median {statistics.median(fresh) * 1000:.0f} ms" if fresh else "")
        + f"; the others {sorted(set(s for s, _ in uncached if s != 200))}"
    )
    print(f"peak RSS: {peak / 1024:.0f} MB")
    if alive:
        print(
            f"1 s after the last 503: RSS {rss_after / 1024:.0f} MB; "
            f"CPU over the next second {cpu_after:.2f} s"
        )
        print(
            f"threads alive 5 s after the last 503: {threads_after}; "
            f"then the cheap query: {after_status} in {after_took * 1000:.0f} ms"
        )
    return 0 if alive else 1


if __name__ == "__main__":
    sys.exit(main())
