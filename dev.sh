#!/usr/bin/env bash
# One entry point for developers. On a fresh machine it installs what is missing (Debian
# packages Qt needs, a virtual environment with the project and its test tools), then:
#   ./dev.sh run [FILE]   starts the app (the demo förbund on first start)
#   ./dev.sh test [ARGS]  runs ruff and the whole test suite (ARGS go to pytest)
#   ./dev.sh bench        runs the measurements in bench/
set -euo pipefail
cd "$(dirname "$0")"

VENV=${FINSAM_VENV:-.venv}
PY=$VENV/bin/python

# What Qt loads on a bare Debian 12 (measured; see README, "Set-up"). Offscreen (tests) needs the
# first list; a real window (xcb) the second too. Fonts come with fonts-dejavu-core.
QT_OFFSCREEN_DEBS="libglib2.0-0 libegl1 libgl1 libdbus-1-3 libfontconfig1 libxkbcommon0 fonts-dejavu-core"
# What the tests read reports and workbooks back with: pdftotext/pdffonts/pdfimages, the
# .desktop validator, and LibreOffice Calc to recalculate exported workbooks. Without them
# those tests would skip; here they are installed instead.
TEST_DEBS="poppler-utils desktop-file-utils libreoffice-calc-nogui"
QT_WINDOW_DEBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libxcb-xfixes0 libxcb-shm0 libxcb-sync1 libxcb-xinerama0 libx11-xcb1"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_debs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: nothing we can install
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "Installerar systempaket som Qt behöver: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_python() {
  python3 - <<'PYCHECK' || { echo "Finsam Desktop behöver Python 3.11 eller senare." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PYCHECK
}

ensure_venv() {
  ensure_python
  if [ ! -x "$PY" ]; then
    say "Skapar virtuell miljö i $VENV"
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
    say "Installerar Finsam Desktop och testverktygen i $VENV"
    "$PY" -m pip install -q --disable-pip-version-check uv
    # uv installs in seconds; compile bytecode so imports stay fast when
    # PYTHONDONTWRITEBYTECODE is set.
    UV_COMPILE_BYTECODE=1 "$VENV/bin/uv" pip install -q --python "$PY" -e ".[test]"
    touch "$VENV/.installed"
  fi
}

# veraPDF (the PDF Association's validator, GPL/MPL) judges the reports' PDF/UA-1 and PDF/A-2
# in the tests: copied from Maven Central into tests/verapdf/lib once, where mvn and java
# exist. A test-time tool only: never shipped, never imported. Without it those tests skip.
VERAPDF_JAR=tests/verapdf/lib/greenfield-apps-1.28.2.jar
ensure_verapdf() {
  [ -f "$VERAPDF_JAR" ] && return 0
  if ! command -v mvn >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
    say "veraPDF hämtas inte (mvn eller java saknas): de testerna hoppas över"
    return 0
  fi
  say "Hämtar veraPDF till tests/verapdf/lib"
  mvn -q -B -f tests/verapdf/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    || say "veraPDF kunde inte hämtas: de testerna misslyckas tills det går"
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
  test)
    ensure_debs $QT_OFFSCREEN_DEBS $TEST_DEBS
    ensure_venv
    ensure_verapdf
    say "ruff"
    "$VENV/bin/ruff" check .
    say "pytest"
    # One worker per core; the tests split in collection order (a file's module fixtures build
    # once or twice), and a worker that runs out takes half of what the other has left. With
    # whole files per worker the last files ran on one core alone (559-579 s against 487 s).
    QT_QPA_PLATFORM=offscreen exec "$PY" -m pytest -n auto --dist worksteal "$@"
    ;;
  run)
    ensure_debs $QT_OFFSCREEN_DEBS $QT_WINDOW_DEBS
    ensure_venv
    # The project is installed editable: compile it (only what changed) so a start does not
    # spend ~110 ms compiling, also where PYTHONDONTWRITEBYTECODE is set.
    "$PY" -m compileall -q finsam_desktop reports ui >/dev/null
    exec "$VENV/bin/finsam" "$@"
    ;;
  bench)
    ensure_debs $QT_OFFSCREEN_DEBS
    ensure_venv
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} exec "$PY" bench/run.py "$@"
    ;;
  *)
    echo "Användning: ./dev.sh run [FIL] | ./dev.sh test [pytest-argument] | ./dev.sh bench" >&2
    exit 2
    ;;
esac
