# Shared set-up steps of scripts/start.sh and scripts/test.sh: each makes sure one thing the
# project needs is there, installs or starts it when it can, and otherwise says exactly what to do.

say() { printf '\033[1m[motcua]\033[0m %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
as_root() { [ "$(id -u)" = "0" ]; }

apt_install() {
  if as_root && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian package(s): $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  else
    return 1
  fi
}

ensure_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20.19+ is required: https://nodejs.org (Debian: apt-get install nodejs npm)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js 20.19+ is required, found $(node -v)"
}

ensure_deps() {
  local stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    say "installing npm dependencies"
    # Only `npm ci`: it installs exactly the committed lock file and never rewrites it. A failure
    # means the lock is out of sync with package.json (run `npm install` and commit the lock) or the
    # registry is unreachable; falling back to `npm install` would hide both.
    npm ci --no-audit --no-fund --loglevel=error \
      || die "npm ci failed: package-lock.json must match package.json (run 'npm install' and commit package-lock.json) and the npm registry must be reachable"
  fi
}

# Prints host and port of a redis:// URL.
redis_host_port() {
  node -e 'const u=new URL(process.argv[1]); console.log((u.hostname||"127.0.0.1").replace(/^\[|\]$/g,"")+" "+(u.port||6379))' "$1"
}

redis_reachable() {
  node -e '
    const net = require("node:net");
    const s = net.connect({ host: process.argv[1], port: +process.argv[2] });
    const t = setTimeout(() => process.exit(1), 1500);
    s.on("connect", () => s.write("PING\r\n"));
    s.on("data", (d) => { clearTimeout(t); s.destroy(); process.exit(/PONG|NOAUTH/.test(String(d)) ? 0 : 1); });
    s.on("error", () => process.exit(1));' "$1" "$2"
}

ensure_redis() {
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  read -r host port < <(redis_host_port "$url")
  redis_reachable "$host" "$port" && return 0
  case "$host" in
    127.0.0.1|localhost|::1) ;;
    *) die "Redis at $host:$port (REDIS_URL) is not reachable; start it or point REDIS_URL at a running Redis" ;;
  esac
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server || die "Redis is not running and redis-server is not installed. Install it (sudo apt-get install redis-server) or set REDIS_URL to a running Redis."
  fi
  say "starting a local redis-server on port $port"
  local dir="${DATA_DIR:-./data}/redis"
  mkdir -p "$dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$dir" --logfile "$(cd "$dir" && pwd)/redis.log" >/dev/null || die "could not start redis-server"
  for _ in $(seq 1 50); do redis_reachable "$host" "$port" && return 0; sleep 0.1; done
  die "redis-server did not answer on $host:$port; see $dir/redis.log"
}

pg_reachable() {
  node -e '
    const pg = require("pg");
    const c = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
    c.connect().then(() => c.query("select 1")).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$1"
}

# Makes sure the PostgreSQL server the tests use answers; starts the local cluster when it can.
ensure_postgres() {
  local url="$1"
  pg_reachable "$url" && return 0
  if command -v pg_ctlcluster >/dev/null 2>&1 && as_root; then
    say "starting the local PostgreSQL cluster"
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do pg_reachable "$url" && return 0; sleep 0.2; done
  fi
  die "PostgreSQL is not reachable at ${url%%\?*}. Start it, or set TEST_DATABASE_URL to a server where this user may CREATE DATABASE (trust or password auth)."
}

# Debian's Chromium drives the browser tests through playwright-core (no browser download).
ensure_chromium() {
  local bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$bin" ] && return 0
  apt_install chromium || die "Chromium is needed for the browser tests: sudo apt-get install chromium (or set CHROMIUM_PATH)"
  [ -x "$bin" ] || die "chromium was installed but $bin is missing; set CHROMIUM_PATH"
}

# Debian's faketime (libfaketime) moves the clock of the tests in scripts/test-clock.sh.
ensure_faketime() {
  command -v faketime >/dev/null 2>&1 && return 0
  apt_install faketime || die "faketime is needed for the moved-clock tests: sudo apt-get install faketime"
  command -v faketime >/dev/null 2>&1 || die "faketime was installed but is not on PATH"
}

# Everything the test suite talks to: npm packages, Redis, the PostgreSQL server, Debian chromium.
ensure_test_services() {
  ensure_node
  ensure_deps
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
  ensure_redis
  export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  ensure_postgres "$TEST_DATABASE_URL"
  ensure_chromium
}
