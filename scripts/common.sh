# Shared by scripts/bootstrap and scripts/test: the Debian packages the
# project needs, installed when missing, and the configured build.
#
# ASYNCCTX_BUILD_DIR chooses the build directory (default: build).

ASYNCCTX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASYNCCTX_BUILD_DIR=${ASYNCCTX_BUILD_DIR:-$ASYNCCTX_ROOT/build}
ASYNCCTX_LLVM=/usr/lib/llvm-19

# LLVM/Clang 19 (clang-tidy and clangd static libraries, FileCheck, lit,
# the sanitizer runtimes for the store's tests), gRPC and protobuf (Debian's
# clangd libraries need them at link time), GoogleTest for the unit tests,
# the real log4cxx and Boost.Log headers that the profile tests run against,
# pre-commit for the hook's test, and the build tools.
ASYNCCTX_PACKAGES=(
  llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 clang-tools-19 llvm-19-tools
  libclang-rt-19-dev libgrpc++-dev libprotobuf-dev
  libgtest-dev liblog4cxx-dev libboost-log-dev pre-commit
  cmake ninja-build g++ python3 git
)

asyncctx_install_deps() {
  local missing=() pkg
  for pkg in "${ASYNCCTX_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "error: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
      return 1
    fi
  fi
  local log
  log=$(mktemp /tmp/asyncctx-apt.XXXXXX.log)
  if ! { "${sudo[@]}" apt-get update &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "error: installing the packages failed; the whole log is $log" >&2
    return 1
  fi
  rm -f "$log"
}

asyncctx_build() {
  if [ ! -f "$ASYNCCTX_BUILD_DIR/build.ninja" ]; then
    echo "== configuring $ASYNCCTX_BUILD_DIR"
    cmake -S "$ASYNCCTX_ROOT" -B "$ASYNCCTX_BUILD_DIR" -G Ninja "$@" || return 1
  fi
  echo "== building"
  ninja -C "$ASYNCCTX_BUILD_DIR" || return 1
}
