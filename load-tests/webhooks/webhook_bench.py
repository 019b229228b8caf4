#!/usr/bin/env python3
"""Webhook delivery latency at a steady event rate (load-tests/bin/webhook-benchmark runs it).

Starts a healthy local receiver (a threaded HTTP/1.1 server that records each delivery's arrival time and
answers 204 at once), subscribes it twice (ticket.issued of the hall, and "*" of every hall: two lanes),
issues tickets at RATE a second for SECONDS on an open schedule (each request starts at its slot, whatever
the previous answers took; several connections), waits until every issue has arrived on both lanes (or
DRAIN seconds), and reports per lane and overall: arrival minus the event's `at` (the ticket's issue
instant, taken in the issuing statement, so at or just before its commit), p50/p99/max and the share
within 1 s; plus signature checks and per-lane order. Writes the JSON summary to argv[5] or stdout.
Usage: webhook_bench.py BASE_URL ADMIN_PASSWORD HALL KIOSK_TOKEN [SUMMARY] (env RATE=200 SECONDS=60 CONNECTIONS=8 DRAIN=30)"""
import base64, hashlib, hmac, http.client, json, os, sys, threading, time, urllib.parse, urllib.request
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

base, admin_password, hall, kiosk = sys.argv[1:5]
summary_file = sys.argv[5] if len(sys.argv) > 5 else None
rate, seconds = float(os.environ.get("RATE", 200)), float(os.environ.get("SECONDS", 60))
connections, drain = int(os.environ.get("CONNECTIONS", 16)), float(os.environ.get("DRAIN", 30))

arrivals = {}          # lane -> list of (arrival, event at, ticketId, webhook-id, signature ok)
lock = threading.Lock()
secrets = {}


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        now = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        lane = self.path.split("?")[0].rsplit("/", 1)[-1]
        event = json.loads(body)
        data = event.get("data", {})
        at = data.get("at") or event.get("occurredAt")
        with lock:
            secret = secrets.get(lane)
        ok = None
        if secret:
            key = base64.b64decode(secret[len("whsec_"):])
            signed = f"{self.headers['webhook-id']}.{self.headers['webhook-timestamp']}.".encode() + body
            ok = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode() == self.headers["webhook-signature"]
        with lock:
            arrivals.setdefault(lane, []).append((now, parse(at), data.get("ticketId"), self.headers["webhook-id"], ok, event.get("type")))
        # answered after recording: the next delivery of the lane comes only after this answer, so order is kept
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def parse(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if text else None


def call(method, path, token=None, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read().decode() or "{}")


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]
admin = call("POST", "/api/v1/auth/token", body={"username": os.environ.get("ADMIN_USER", "admin"), "password": admin_password})["accessToken"]
subs = []
for lane, events, sub_hall in (("issued", ["ticket.issued"], hall), ("all", ["*"], None)):
    created = call("POST", "/api/v1/webhooks", admin, {"url": f"http://127.0.0.1:{port}/bench/{lane}", "events": events, "hall": sub_hall})
    with lock:
        secrets[lane] = created["secret"]
    subs.append(created["id"])

issued, failures = [], []
url = urllib.parse.urlparse(base)
total = int(rate * seconds)
start = time.time() + 0.5


def issuer(k):
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
    for i in range(k, total, connections):
        slot = start + i / rate
        wait = slot - time.time()
        if wait > 0:
            time.sleep(wait)
        body = json.dumps({"queueCode": "ABC"[i % 3], "channel": "KIOSK", "priority": "NORMAL"})
        try:
            conn.request("POST", f"/api/v1/halls/{hall}/tickets", body, {"Content-Type": "application/json",
                         "Authorization": "Bearer " + kiosk, "Idempotency-Key": f"wh-{start}-{i}"})
            answer = conn.getresponse()
            text = answer.read()
            if answer.status == 201:
                with lock:
                    issued.append(json.loads(text)["id"])
            else:
                failures.append(f"{answer.status} {text[:200]!r}")
        except Exception as e:  # a dropped connection: count it and reconnect
            failures.append(repr(e))
            conn.close()
            conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)


threads = [threading.Thread(target=issuer, args=(k,)) for k in range(connections)]
[t.start() for t in threads]
[t.join() for t in threads]
issue_seconds = time.time() - start
wanted = set(issued)
deadline = time.time() + drain
while time.time() < deadline:
    with lock:
        done = all(wanted <= {a[2] for a in arrivals.get(lane, [])} for lane in ("issued", "all"))
    if done:
        break
    time.sleep(0.2)
for sub in subs:
    call("DELETE", f"/api/v1/webhooks/{sub}", admin)


def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else None


report = {"rate": rate, "seconds": seconds, "issued": len(issued), "issueFailures": len(failures),
          "firstFailure": failures[0] if failures else None, "issueSeconds": round(issue_seconds, 1), "lanes": {}}
every = []
with lock:
    for lane in ("issued", "all"):
        got = [a for a in arrivals.get(lane, []) if a[2] in wanted and a[5] == "ticket.issued"]
        first = {}
        for a in got:
            first.setdefault(a[3], a)  # a redelivery (same webhook-id) is not counted twice
        lat = sorted(1000 * (a[0] - a[1]) for a in first.values())
        every += lat
        ids = [int(a[3].split("_")[1]) for a in got]  # delivery ids follow the events' numbers in the hall
        in_order = all(x < y for x, y in zip(ids, ids[1:]))
        report["lanes"][lane] = {"received": len(first), "missing": len(wanted - {a[2] for a in got}),
                                 "badSignatures": sum(1 for a in got if a[4] is False), "inEventOrder": in_order,
                                 "p50Ms": round(pct(lat, 50), 1) if lat else None, "p99Ms": round(pct(lat, 99), 1) if lat else None,
                                 "maxMs": round(lat[-1], 1) if lat else None,
                                 "within1s": round(sum(1 for v in lat if v <= 1000) / len(lat), 4) if lat else None}
every.sort()
report["overall"] = {"deliveries": len(every), "p50Ms": round(pct(every, 50), 1) if every else None,
                     "p99Ms": round(pct(every, 99), 1) if every else None, "maxMs": round(every[-1], 1) if every else None,
                     "within1s": round(sum(1 for v in every if v <= 1000) / len(every), 4) if every else None}
text = json.dumps(report, indent=2)
if summary_file:
    with open(summary_file, "w") as f:
        f.write(text + "\n")
print(text)
server.shutdown()
