# Sourced by the benchmark scripts: --start support. Starts the service from this work tree the way bin/run
# does (PostgreSQL/Redis via bin/services, build unless SIBAN_SKIP_BUILD=1) in the background, waits for it,
# and stops it (only the process it started) when the script exits. Does nothing if something already answers.
# Readiness is on the management interface: SIBAN_MANAGEMENT_URL, else the base URL's host on SIBAN_MANAGEMENT_PORT (9000).

# The management interface (health, metrics) of the service at $1.
management_url() {
  local host
  host=$(sed -E 's#^(https?://[^:/]+).*#\1#' <<< "$1")
  echo "${SIBAN_MANAGEMENT_URL:-$host:${SIBAN_MANAGEMENT_PORT:-9000}}"
}

start_service() {
  local base=$1 repo ready
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  ready="$(management_url "$base")/q/health/ready"
  if curl -fsS -o /dev/null --max-time 3 "$ready"; then
    echo "[service] already answering at $base; using it"
    return 0
  fi
  local port
  port=$(sed -nE 's#^http://(127\.0\.0\.1|localhost):([0-9]+)(/.*)?$#\2#p' <<< "$base")
  [[ -n "$port" ]] || { echo "--start only starts the service on 127.0.0.1 (with its port in the URL)" >&2; exit 2; }
  # bin/run listens on SIBAN_HTTP_PORT (8080 unless the caller chose another, to keep clear of a service already there)
  export SIBAN_HTTP_PORT=$port
  mkdir -p "$repo/load-tests/results"
  echo "[service] starting bin/run from $repo (log: load-tests/results/service.log)"
  # setsid: bin/run (and its build) get their own process group, led by this pid, which exec's into java
  setsid bash -c 'cd "$1" && exec bin/run' bash "$repo" > "$repo/load-tests/results/service.log" 2>&1 &
  SERVICE_PID=$!
  trap 'stop_service' EXIT
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null --max-time 2 "$ready" && { echo "[service] up"; return 0; }
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -20 "$repo/load-tests/results/service.log" >&2; echo "bin/run stopped" >&2; exit 1; }
    sleep 1
  done
  echo "the service did not come up within 10 minutes" >&2; exit 1
}

stop_service() {
  if [[ -n "${SERVICE_PID:-}" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    echo "[service] stopping (pid $SERVICE_PID)"
    kill -- "-$SERVICE_PID" 2>/dev/null || kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
}
