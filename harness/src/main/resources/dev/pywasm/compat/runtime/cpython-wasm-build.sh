#!/usr/bin/env bash
# pywasm-compat: one step of building CPython for wasm32-emscripten by the recipe in CPython's
# Tools/wasm/README.md, with only Debian's packages and npm (no embuilder downloads).
#
# usage: cpython-wasm-build.sh STEP
#   toolchain        make sure emcc is there (Debian's emscripten package when missing and root)
#   source           get CPython's source: $PYWASM_CPYTHON_SOURCE (a tree or a tarball), else
#                    Debian's python3.11 source package (adds a deb-src entry)
#   zlib             build zlib with emcc from Debian's zlib source (the README's `embuilder build zlib`)
#   build-python     the native "build Python" the cross build runs (README: builddir/build)
#   configure        emconfigure ../../configure for $PYWASM_TARGET (node|browser)
#   make             emmake make for $PYWASM_TARGET
#   install          check the target's outputs and record its -s link flags
#   layout           print (writing nothing) the files a finished build of $PYWASM_TARGET leaves,
#                    relative to PYWASM_WORK: "marker PATH" per step, "output PATH" per checked output
# environment: PYWASM_WORK (sources and build trees), PYWASM_TARGET, PYWASM_JOBS.
# Each step is idempotent: a finished step leaves a marker and is skipped the next time. The shared
# steps (source, zlib, build-python) serve both targets and have one marker each; the target steps
# (configure, make, install) one per target.
set -euo pipefail

step="${1:?usage: cpython-wasm-build.sh STEP}"
work="${PYWASM_WORK:?PYWASM_WORK not set}"
jobs="${PYWASM_JOBS:-$(nproc)}"
shared_steps="source zlib build-python"
target_steps="configure make install"
# apt-get waits for another apt-get (e.g. another engineer's install) instead of failing at once.
apt_wait=(-o DPkg::Lock::Timeout=900)

# The marker a finished STEP leaves, relative to $work (target steps: per $PYWASM_TARGET).
marker_of() {
  case " $target_steps " in
    *" $1 "*) echo "markers/$1-${PYWASM_TARGET:?PYWASM_TARGET not set}" ;;
    *) echo "markers/$1" ;;
  esac
}

if [ "$step" = layout ]; then
  for s in $shared_steps $target_steps; do
    echo "marker $(marker_of "$s")"
  done
  echo "output cpython/builddir/build/python"
  echo "output cpython/builddir/emscripten-${PYWASM_TARGET:?PYWASM_TARGET not set}/python.js"
  exit 0
fi

mkdir -p "$work/markers"
marker="$work/$(marker_of "$step")"
if [ -f "$marker" ] && [ "$step" != install ] && [ "$step" != toolchain ]; then
  echo "step $step: done before ($(cat "$marker"))"
  exit 0
fi
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # Debian's emscripten looks for acorn there
export DEBIAN_FRONTEND=noninteractive

as_root() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "pywasm-compat: $* needs root and apt-get; run it yourself: $*" >&2
    exit 3
  fi
  "$@"
}

ensure_deb_src() {
  if grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return
  fi
  echo "adding a deb-src entry for Debian's source packages"
  as_root sh -c 'cat > /etc/apt/sources.list.d/pywasm-compat-src.sources' <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  as_root apt-get "${apt_wait[@]}" update -q
}

case "$step" in
  toolchain)
    if ! command -v emcc >/dev/null; then
      echo "emcc not found: installing Debian's emscripten package"
      # A fresh machine may have no package lists yet: update once when the first try fails.
      as_root apt-get "${apt_wait[@]}" install -y -q emscripten \
        || { as_root apt-get "${apt_wait[@]}" update -q && as_root apt-get "${apt_wait[@]}" install -y -q emscripten; }
    fi
    command -v dpkg-source >/dev/null || as_root apt-get "${apt_wait[@]}" install -y -q dpkg-dev
    # The build Python is compiled natively.
    { command -v cc && command -v make; } >/dev/null || as_root apt-get "${apt_wait[@]}" install -y -q build-essential
    # sed reads all of it: with head, emcc can die of a broken pipe (and pipefail fails the step)
    emcc --version | sed -n 1p
    ;;
  source)
    mkdir -p "$work/src"
    rm -rf "$work/cpython"
    if [ -n "${PYWASM_CPYTHON_SOURCE:-}" ]; then
      if [ -d "$PYWASM_CPYTHON_SOURCE" ]; then
        echo "copying the CPython tree $PYWASM_CPYTHON_SOURCE"
        cp -a "$PYWASM_CPYTHON_SOURCE" "$work/cpython"
      else
        echo "unpacking $PYWASM_CPYTHON_SOURCE"
        mkdir -p "$work/cpython"
        tar -xf "$PYWASM_CPYTHON_SOURCE" -C "$work/cpython" --strip-components=1
      fi
    else
      ensure_deb_src
      (cd "$work/src" && ls python3.11_*.orig.tar.* >/dev/null 2>&1 || apt-get source --download-only -q python3.11)
      tarball="$(ls "$work"/src/python3.11_*.orig.tar.* | head -1)"
      echo "unpacking $tarball"
      mkdir -p "$work/cpython"
      tar -xf "$tarball" -C "$work/cpython" --strip-components=1
    fi
    test -f "$work/cpython/Tools/wasm/config.site-wasm32-emscripten" \
      || { echo "not a CPython source with Tools/wasm: $work/cpython" >&2; exit 1; }
    ;;
  zlib)
    ensure_deb_src
    mkdir -p "$work/src/zlib"
    (cd "$work/src/zlib" && ls zlib_*.orig.tar.* >/dev/null 2>&1 || apt-get source --download-only -q zlib)
    rm -rf "$work/zlib-build"
    mkdir -p "$work/zlib-build"
    tar -xf "$(ls "$work"/src/zlib/zlib_*.orig.tar.* | head -1)" -C "$work/zlib-build" --strip-components=1
    cd "$work/zlib-build"
    emconfigure ./configure --static --prefix="$work/zlib-wasm"
    emmake make -j"$jobs"
    emmake make install
    ;;
  build-python)
    mkdir -p "$work/cpython/builddir/build"
    cd "$work/cpython/builddir/build"
    ../../configure -C
    make -j"$jobs"
    ;;
  configure)
    target="${PYWASM_TARGET:?PYWASM_TARGET not set}"
    mkdir -p "$work/cpython/builddir/emscripten-$target"
    cd "$work/cpython/builddir/emscripten-$target"
    rm -f config.cache
    # bz2 and sqlite3 have no emcc-built library here: configure without them (the README's
    # `embuilder build bzip2` needs the network); zlib comes from the zlib step.
    CONFIG_SITE=../../Tools/wasm/config.site-wasm32-emscripten \
    ZLIB_CFLAGS="-I$work/zlib-wasm/include" ZLIB_LIBS="-L$work/zlib-wasm/lib -lz" \
    py_cv_module__bz2=n/a py_cv_module__sqlite3=n/a \
      emconfigure ../../configure -C \
        --host=wasm32-unknown-emscripten \
        --build="$(../../config.guess)" \
        --with-emscripten-target="$target" \
        --with-build-python="$work/cpython/builddir/build/python"
    ;;
  make)
    target="${PYWASM_TARGET:?PYWASM_TARGET not set}"
    cd "$work/cpython/builddir/emscripten-$target"
    emmake make -j"$jobs"
    ;;
  install)
    # The outputs stay in the build tree: the node build (NODERAWFS) finds its standard library
    # in the source tree next to it, as when the README runs builddir/emscripten-node/python.js.
    target="${PYWASM_TARGET:?PYWASM_TARGET not set}"
    from="$work/cpython/builddir/emscripten-$target"
    test -f "$from/python.js" || { echo "no python.js in $from" >&2; exit 1; }
    grep -o -- '-s[A-Z_]\+\(=[A-Za-z0-9_]*\)\?' "$from/Makefile" | sort -u | tr '\n' ' ' > "$from/pywasm-link-flags" || true
    if [ "$target" = node ] && [ ! -d "$from/node_modules/ws" ]; then
      # Emscripten's socket layer require()s the npm package ws on Node; without it `import socket`
      # ends the runtime with "Cannot find module 'ws'". From npm, next to python.js.
      npm install --no-save --no-package-lock --prefix "$from" ws
    fi
    ls -la "$from"/python.*
    ;;
  *)
    echo "unknown step $step" >&2
    exit 64
    ;;
esac
date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
