#!/usr/bin/env python3
"""Webhook delivery latency at a steady event rate (load-tests/bin/webhook-benchmark runs it).

Starts a healthy local receiver (BenchReceiver.java, a JDK HTTP server that records each delivery's arrival
time and answers 204 at once), subscribes it twice (ticket.issued of the hall, and "*" of every hall: two lanes),
issues tickets at RATE a second for SECONDS on an open schedule (each request starts at its slot, whatever
the previous answers took; several connections), waits until every issue has arrived on both lanes (or
DRAIN seconds), and reports per lane and overall: arrival minus the event's `at` (the ticket's issue
instant, taken in the issuing statement, so at or just before its commit), p50/p99/max and the share
within 1 s; plus signature checks and per-lane order. Writes the JSON summary to argv[5] or stdout.
Usage: webhook_bench.py BASE_URL ADMIN_PASSWORD HALL KIOSK_TOKEN [SUMMARY] (env RATE=200 SECONDS=60 CONNECTIONS=16 DRAIN=30 KEEP_SUBSCRIPTIONS)"""
import base64, hashlib, hmac, http.client, json, os, subprocess, sys, threading, time, urllib.parse, urllib.request
from datetime import datetime

base, admin_password, hall, kiosk = sys.argv[1:5]
summary_file = sys.argv[5] if len(sys.argv) > 5 else None
rate, seconds = float(os.environ.get("RATE", 200)), float(os.environ.get("SECONDS", 60))
connections, drain = int(os.environ.get("CONNECTIONS", 16)), float(os.environ.get("DRAIN", 30))

lock = threading.Lock()
secrets = {}
here = os.path.dirname(os.path.abspath(__file__))
receiver = subprocess.Popen(["java", "-XX:+UseSerialGC", "-Xmx256m", "-Dsun.net.httpserver.nodelay=true", os.path.join(here, "BenchReceiver.java")], stdout=subprocess.PIPE, text=True)
port = int(receiver.stdout.readline())


def parse(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if text else None


def received():
    """Every arrival: lane -> list of (arrival s, event at s, ticketId, webhook-id, signature ok, type)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/arrivals", timeout=60) as answer:
        lines = answer.read().decode().splitlines()
    lanes = {}
    for line in lines:
        arrived, path, wid, ts, sig, body64 = line.split("\t")
        body = base64.b64decode(body64)
        lane = path.rsplit("/", 1)[-1]
        event = json.loads(body)
        data = event.get("data", {})
        key = base64.b64decode(secrets[lane][len("whsec_"):])
        ok = "v1," + base64.b64encode(hmac.new(key, f"{wid}.{ts}.".encode() + body, hashlib.sha256).digest()).decode() == sig
        lanes.setdefault(lane, []).append((int(arrived) / 1000, parse(data.get("at") or event.get("occurredAt")), data.get("ticketId"), wid, ok,
                                           event.get("type")))
    return lanes


def count():
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/count", timeout=10) as answer:
        return int(answer.read())


def call(method, path, token=None, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read().decode() or "{}")


admin = call("POST", "/api/v1/auth/token", body={"username": os.environ.get("ADMIN_USER", "admin"), "password": admin_password})["accessToken"]
subs = []
for lane, events, sub_hall in (("issued", ["ticket.issued"], hall), ("all", ["*"], None)):
    created = call("POST", "/api/v1/webhooks", admin, {"url": f"http://127.0.0.1:{port}/bench/{lane}", "events": events, "hall": sub_hall})
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
while time.time() < deadline and count() < 2 * len(issued):
    time.sleep(0.2)
if not os.environ.get("KEEP_SUBSCRIPTIONS"):  # kept: the delivery log stays for a look at where the time went
    for sub in subs:
        call("DELETE", f"/api/v1/webhooks/{sub}", admin)


def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else None


report = {"rate": rate, "seconds": seconds, "issued": len(issued), "issueFailures": len(failures),
          "firstFailure": failures[0] if failures else None, "issueSeconds": round(issue_seconds, 1), "lanes": {}}
every = []
arrivals = received()
if True:
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
receiver.terminate()
