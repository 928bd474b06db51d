# Shared set-up steps for scripts/demo, scripts/test and .ci/run. Sourced, not run.
# Idempotent: every step checks first and does nothing when already done.

PRAKAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PRAKAT_ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else return 1
  fi
}

# Debian packages the Python code needs at run time or in tests; only missing ones are installed.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "please install these system packages: ${missing[*]}"
  say "installing system packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "could not install ${missing[*]} (run as root or with sudo)"
}

# Pango/HarfBuzz for WeasyPrint (Thai shaping and line breaking come from Debian's libthai; its
# dictionary of the field's words is written by the datrie package: documents/linebreak.py).
RUNTIME_PACKAGES=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b shared-mime-info)

# What the tests need besides: Debian's Chromium for the browser tests (driven by Playwright, never
# `playwright install`; pages bring their own Sarabun), poppler-utils to read PDFs back.
TEST_PACKAGES=(chromium poppler-utils)

# The virtualenv, reinstalled only when pyproject.toml changes.
ensure_venv() {
  local extras="${1:-}" spec="." stamp
  [ -n "$extras" ] && spec=".[$extras]"
  command -v python3 >/dev/null 2>&1 || die "Python 3.11 or newer is required"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is required"
  [ -x "$PY" ] || { say "creating $VENV"; python3 -m venv "$VENV"; }
  stamp="$VENV/.prakat-installed-$(sha256sum "$PRAKAT_ROOT/pyproject.toml" | cut -c1-16)-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    say "installing Prakat and its Python packages ($spec)"
    "$PY" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    (cd "$PRAKAT_ROOT" && "$PY" -m pip install -q --disable-pip-version-check -e "$spec") || die "pip install failed"
    rm -f "$VENV"/.prakat-installed-*
    touch "$stamp"
  fi
}

pg_works() { "$PY" - "$1" <<'PYEOF' >/dev/null 2>&1
import asyncio, sys
import asyncpg
async def main():
    conn = await asyncpg.connect(sys.argv[1], timeout=5)
    await conn.execute("select 1")
    await conn.close()
asyncio.run(main())
PYEOF
}

# Echoes a working PostgreSQL URL for the tests, starting (or, on a machine without it, installing)
# the server when needed. Returns non-zero when none can be had.
ensure_postgres() {
  local url="${PRAKAT_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}" installed=""
  pg_works "$url" && { echo "$url"; return 0; }
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql >&2 || return 1
    installed=yes
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  say "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 2>/dev/null \
    || as_root pg_ctlcluster "$version" main start >&2 2>/dev/null || true
  for _ in $(seq 1 20); do pg_works "$url" && { echo "$url"; return 0; }; sleep 1; done
  # A server we have just installed refuses password-less TCP logins (Debian's default): give its
  # postgres role a password for the tests. A server that was already there is never altered.
  if [ -n "$installed" ] && [ -z "${PRAKAT_TEST_POSTGRES_URL:-}" ]; then
    local fallback="postgresql://postgres:prakat-test@127.0.0.1:5432/test"
    as_root su postgres -c "psql -qc \"ALTER ROLE postgres PASSWORD 'prakat-test'\"" >&2 || true
    as_root su postgres -c "createdb test" >&2 2>/dev/null || true
    pg_works "$fallback" && { echo "$fallback"; return 0; }
  fi
  return 1
}
