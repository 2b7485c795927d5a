#!/usr/bin/env python3
"""Durability under SIGKILL: a writer creates and updates patients through the API while the server
is killed with SIGKILL at random points (--kills times, default 20). After each restart, every write
the server acknowledged (2xx) must be present with the acknowledged version and content, and every
stored record must read back whole (a valid refract-patient/1 document) -- nothing half-written.

Usage: kill_test.py REFRACT_BINARY (sqlite | postgres) [--kills N]
PostgreSQL needs REFRACT_TEST_PG (scripts/with-postgres); without it the test is skipped (exit 77).
"""
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SKIP = 77


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, port, token=None):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token

    def call(self, method, path, body=None, headers=None, timeout=10):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


def start(binary, store, port):
    process = subprocess.Popen([binary, "serve", "--store", store, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    api = Api(port)
    for _ in range(200):
        try:
            if api.call("GET", "/readyz", timeout=1)[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.05)
    process.kill()
    raise SystemExit("server did not become ready: " + process.stderr.read().decode())


def base_record(index):
    return {"format": "refract-patient/1", "id": f"kill-{index:05d}", "as_of": "2025-08-01",
            "diagnosis": "mdd", "episode": {"onset": "2025-01-06", "severity": "moderate"},
            "treatments": [], "assessments": []}


def writer(api, acknowledged, stop, rng):
    """Creates patients and adds PHQ-9s to them until the server dies; records each 2xx."""
    index = len(acknowledged)
    while not stop.is_set():
        try:
            record = base_record(index)
            status, reply = api.call("POST", "/api/v1/patients", record, timeout=5)
            index += 1  # a create committed but never acknowledged keeps its id taken
            if status != 201:
                continue
            acknowledged[reply["patient_id"]] = (1, record)
            version = 1
            for day in range(1, rng.randint(1, 4)):
                record = json.loads(json.dumps(record))
                record["assessments"].append({"instrument": "phq9", "date": f"2025-07-{day:02d}",
                                              "items": [1, 1, 1, 1, 1, 1, 1, 1, 0]})
                status, reply = api.call("PUT", "/api/v1/patients/" + reply["patient_id"], record,
                                         {"If-Match": str(version)}, timeout=5)
                if status != 200:
                    break
                version = reply["version"]
                acknowledged[reply["patient_id"]] = (version, record)
        except (OSError, ValueError):
            return  # the server was killed mid-request: that write was never acknowledged


def check(api, acknowledged):
    for patient_id, (version, record) in acknowledged.items():
        status, reply = api.call("GET", "/api/v1/patients/" + patient_id)
        assert status == 200, f"{patient_id}: acknowledged but missing ({status})"
        assert reply["version"] >= version, f"{patient_id}: version {reply['version']} < {version}"
        status, old = api.call("GET", f"/api/v1/patients/{patient_id}?version={version}")
        stored = dict(old["record"]) if status == 200 else {}
        sent = dict(record)
        # every change brings as_of up to the server's date (docs/server.md), never back
        assert stored.pop("as_of", "") >= sent.pop("as_of"), f"{patient_id} v{version} as_of"
        assert stored == sent, f"{patient_id} v{version} differs"
    after = ""
    while True:
        status, page = api.call("GET", "/api/v1/patients?limit=500&after=" + after)
        assert status == 200, page
        for patient in page["patients"]:
            status, reply = api.call("GET", "/api/v1/patients/" + patient["patient_id"])
            assert status == 200 and reply["record"]["format"] == "refract-patient/1", patient
        if not page["next_after"]:
            break
        after = page["next_after"]


def main():
    binary, kind = sys.argv[1], sys.argv[2]
    kills = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--kills" else 20
    directory = tempfile.mkdtemp(prefix="refract-kill-")
    if kind == "sqlite":
        store = f"sqlite:{directory}/kill.db"
    else:
        store = os.environ.get("REFRACT_TEST_PG", "")
        if not store:
            print("REFRACT_TEST_PG is not set: PostgreSQL kill test skipped")
            return SKIP
        schema = f"kill_{random.randrange(1 << 30)}"
        subprocess.run(["psql", store, "-qc", f"CREATE SCHEMA {schema}"], check=True)
        store += ("&" if "?" in store else "?") + f"options=-csearch_path%3D{schema}"
    password = "kill test password 0123"
    subprocess.run([binary, "admin", "create-user", "--store", store, "--username", "writer",
                    "--role", "clinician", "--team", "t", "--password-stdin"],
                   input=password.encode(), check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    process = start(binary, store, port)
    # An API token for the writer, created through a cookie session (the browser path).
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/session",
            data=json.dumps({"username": "writer", "password": password}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")) as response:
        csrf = json.loads(response.read())["csrf_token"]
    with opener.open(urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/tokens", data=b'{"name": "kill test"}',
            headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
            method="POST")) as response:
        token = json.loads(response.read())["token"]
    api = Api(port, token)
    rng = random.Random(20261206)
    acknowledged = {}
    for kill in range(kills):
        stop = threading.Event()
        thread = threading.Thread(target=writer, args=(api, acknowledged, stop, rng))
        thread.start()
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        stop.set()
        thread.join()
        process = start(binary, store, port)
        check(api, acknowledged)
        print(f"kill {kill + 1}/{kills}: {len(acknowledged)} acknowledged patients all present")
    process.terminate()
    process.wait(timeout=10)
    status = subprocess.run([binary, "audit", "verify", "--store", store]).returncode
    assert status == 0, "audit chain broken after the kills"
    return 0


if __name__ == "__main__":
    sys.exit(main())
