# Shared by scripts/bootstrap and scripts/test: the Debian packages the
# project needs, installed when missing, and the configured build.
#
# LLVM_VERSION chooses the LLVM/Clang version to build against: 19 (the
# default) or 22. ASYNCCTX_BUILD_DIR chooses the build directory (default:
# build for 19, build-llvm22 for 22, so that each version keeps its own).

ASYNCCTX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASYNCCTX_LLVM_VERSIONS=(19 22)
LLVM_VERSION=${LLVM_VERSION:-19}
case "$LLVM_VERSION" in
  19) ASYNCCTX_DEFAULT_BUILD_DIR=$ASYNCCTX_ROOT/build ;;
  22) ASYNCCTX_DEFAULT_BUILD_DIR=$ASYNCCTX_ROOT/build-llvm22 ;;
  *) echo "error: LLVM_VERSION=$LLVM_VERSION; asyncctx-tidy builds against LLVM ${ASYNCCTX_LLVM_VERSIONS[*]}" >&2
     exit 1 ;;
esac
ASYNCCTX_BUILD_DIR=${ASYNCCTX_BUILD_DIR:-$ASYNCCTX_DEFAULT_BUILD_DIR}
ASYNCCTX_LLVM=/usr/lib/llvm-$LLVM_VERSION

# The Debian packages for LLVM/Clang version $1 and whatever the versions
# share. Per version: LLVM/Clang (clang-tidy and clangd static libraries,
# FileCheck, lit, the sanitizer runtimes for the store's tests). Shared: gRPC
# and protobuf (Debian's clangd libraries need them at link time), GoogleTest
# for the unit tests, the real log4cxx, Boost.Log, Boost.Asio and standalone
# Asio headers that the profile tests run against, pre-commit for the hook's
# test, Neovim for the editor guide's recipe test, and the build tools.
# LLVM 22 comes from Debian's security archive (bookworm-security).
asyncctx_packages() {
  local v
  for v in "$@"; do
    echo llvm-$v-dev libclang-$v-dev clang-$v clang-tidy-$v clang-tools-$v llvm-$v-tools libclang-rt-$v-dev
  done
  echo libgrpc++-dev libprotobuf-dev \
    libgtest-dev liblog4cxx-dev libboost-log-dev libboost-dev libasio-dev pre-commit neovim \
    cmake ninja-build g++ python3 git dpkg-dev file
}

# Installs what is missing of the packages for the given LLVM versions
# (default: $LLVM_VERSION), all in one apt-get run.
asyncctx_install_deps() {
  local packages
  read -r -a packages <<<"$(asyncctx_packages "${@:-$LLVM_VERSION}" | tr '\n' ' ')"
  asyncctx_install_packages "${packages[@]}"
}

# Bazel 4.2.3 and the repositories it needs offline, for the Bazel aspect's
# test (test/integration/bazel-aspect.test): installed only for a test run
# that includes it.
ASYNCCTX_BAZEL_PACKAGES=(bazel-bootstrap bazel-platforms bazel-rules-java)

# Installs the Debian packages given that are missing, in one apt-get run.
asyncctx_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
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
    echo "== configuring $ASYNCCTX_BUILD_DIR for LLVM $LLVM_VERSION"
    cmake -S "$ASYNCCTX_ROOT" -B "$ASYNCCTX_BUILD_DIR" -G Ninja \
      -DASYNCCTX_LLVM_VERSION="$LLVM_VERSION" "$@" || return 1
  else
    # A build directory is for one version (its compiler and LLVM are cached).
    local configured
    configured=$(sed -n 's/^ASYNCCTX_LLVM_VERSION:[A-Z]*=//p' "$ASYNCCTX_BUILD_DIR/CMakeCache.txt")
    if [ "${configured:-19}" != "$LLVM_VERSION" ]; then
      echo "error: $ASYNCCTX_BUILD_DIR is configured for LLVM ${configured:-19}, not $LLVM_VERSION; choose another ASYNCCTX_BUILD_DIR" >&2
      return 1
    fi
  fi
  echo "== building (LLVM $LLVM_VERSION) in $ASYNCCTX_BUILD_DIR"
  ninja -C "$ASYNCCTX_BUILD_DIR" || return 1
}

# lit: LLVM 19's packages ship build/utils/lit/lit.py, LLVM 22's bin/lit.
asyncctx_lit() {
  if [ -f "$ASYNCCTX_LLVM/build/utils/lit/lit.py" ]; then
    echo "$ASYNCCTX_LLVM/build/utils/lit/lit.py"
  else
    echo "$ASYNCCTX_LLVM/bin/lit"
  fi
}

# Whether lit, given the arguments after the first, would run the test
# named by the first ("<suite> :: <path>"): as lit does, by its --filter and
# --filter-out regular expressions and LIT_FILTER and LIT_FILTER_OUT.
asyncctx_lit_selects() {
  python3 - "$@" <<'PY'
import argparse, os, re, sys
parser = argparse.ArgumentParser(add_help=False)
parser.add_argument("--filter", default=os.environ.get("LIT_FILTER", ".*"))
parser.add_argument("--filter-out", default=os.environ.get("LIT_FILTER_OUT", "^$"))
options, _ = parser.parse_known_args(sys.argv[2:])
name = sys.argv[1]
# lit compiles both case-insensitively.
selected = re.search(options.filter, name, re.I) and not re.search(options.filter_out, name, re.I)
sys.exit(0 if selected else 1)
PY
}

# The SARIF tests validate asyncctx-tidy's logs with Microsoft's SARIF
# Multitool, which carries the SARIF 2.1.0 schema. It comes from the npm
# registry (checked against the registry's recorded digest) and is kept out of
# the build directory, so a clean build does not fetch it again. Without npm
# the validating test is reported as skipped.
ASYNCCTX_SARIF_MULTITOOL_VERSION=5.7.0
ASYNCCTX_SARIF_MULTITOOL_INTEGRITY='sha512-NxUbpq6ISCWoTQ/NfOYEwEDKq1Heka/rMoJ5R5LMydcAZQX/X7g5mWHcgxDub+0M07LC96tZ5LZHvF1Qy3gjTA=='
ASYNCCTX_TOOLS_DIR=${ASYNCCTX_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/asyncctx-tidy}
export ASYNCCTX_SARIF_MULTITOOL="$ASYNCCTX_TOOLS_DIR/sarif-multitool-$ASYNCCTX_SARIF_MULTITOOL_VERSION/package/Sarif.Multitool"

asyncctx_install_sarif_validator() {
  [ -x "$ASYNCCTX_SARIF_MULTITOOL" ] && return 0
  if ! command -v npm >/dev/null; then
    echo "note: npm not found; the SARIF validation test will be skipped" >&2
    return 0
  fi
  echo "== fetching the SARIF Multitool $ASYNCCTX_SARIF_MULTITOOL_VERSION (npm)"
  local tmp tarball digest
  tmp=$(mktemp -d /tmp/asyncctx-sarif.XXXXXX)
  if ! (cd "$tmp" && npm pack --silent \
          "@microsoft/sarif-multitool-linux@$ASYNCCTX_SARIF_MULTITOOL_VERSION" >/dev/null 2>&1); then
    echo "note: npm could not fetch the SARIF Multitool; the SARIF validation test will be skipped" >&2
    rm -rf "$tmp"
    return 0
  fi
  tarball=$(ls "$tmp"/*.tgz)
  digest=$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")
  if [ "$digest" != "$ASYNCCTX_SARIF_MULTITOOL_INTEGRITY" ]; then
    echo "error: the SARIF Multitool from npm does not match its recorded digest" >&2
    rm -rf "$tmp"
    return 1
  fi
  local dir
  dir=$(dirname "$(dirname "$ASYNCCTX_SARIF_MULTITOOL")")
  mkdir -p "$dir" && tar xzf "$tarball" -C "$dir" && chmod u+x "$ASYNCCTX_SARIF_MULTITOOL"
  rm -rf "$tmp"
}
