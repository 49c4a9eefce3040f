#!/usr/bin/env python3
"""Runs asyncctx-tidy with the folly and opentelemetry profiles over a real
project's files and prints each finding (docs/real-code.md has the results).

    python3 bench/real_code.py folly /path/to/folly-checkout
    python3 bench/real_code.py folly-production /path/to/folly-checkout
    python3 bench/real_code.py fbthrift /path/to/fbthrift --with folly=/path/to/folly
    python3 bench/real_code.py proxygen /path/to/proxygen --with folly=/path/to/folly \\
        --with fizz=/path/to/fizz --with wangle=/path/to/wangle --with mvfst=/path/to/mvfst
    python3 bench/real_code.py opentelemetry-cpp /path/to/opentelemetry-cpp
    python3 bench/real_code.py opentelemetry-cpp /path/to/opentelemetry-cpp --cross-tu
    python3 bench/real_code.py opentelemetry-cpp-contrib /path/to/contrib \\
        --with opentelemetry-cpp=/path/to/opentelemetry-cpp

The files and the flags they need are in bench/real-code/<project>.txt:
`# flags:` (with {checkout}, {stubs} and {<project>} for --with checkouts),
`# header-filter:` (findings in headers under these paths are printed too),
then one path per line, relative to the checkout. Nothing fetched is kept
here: give the script a checkout.

Requirements (Debian 12): the build's asyncctx-tidy, and for the real headers
  libboost-dev libboost-context-dev libboost-filesystem-dev
  libboost-program-options-dev libboost-regex-dev libboost-thread-dev
  libboost-log-dev libfmt-dev libgoogle-glog-dev libgflags-dev
  libdouble-conversion-dev libevent-dev libssl-dev libzstd-dev liblz4-dev
  libsnappy-dev libunwind-dev libsodium-dev libaio-dev liburing-dev
  libfast-float-dev libxxhash-dev libgtest-dev libgmock-dev libbenchmark-dev
  liblog4cxx-dev libspdlog-dev nlohmann-json3-dev libcurl4-openssl-dev libprotobuf-dev
  libgrpc++-dev
Meta's libraries that Debian does not package (folly, and for proxygen fizz,
wangle and mvfst) are checkouts given with --with.

Stand-ins (the only ones): the headers the projects' CMake generates, which
this script writes into <out>/stubs from the checkouts' own templates and
inputs: folly/folly-config.h (from CMake/folly-config.h.cmake, with the
features Debian 12 has switched on), fizz/fizz-config.h, wangle/wangle-config.h,
quic/quic-logging-config.h, and proxygen's HTTPCommonHeaders.h,
TraceEventType.h and TraceFieldType.h (the substitutions of its
gen_HTTPCommonHeaders.sh and gen_trace_event_constants.py). Code the thrift
compiler generates (fbthrift's gen-cpp2/) has none: the files that need it
are left out of the lists, which say so.

A file that has compile errors is counted apart (its asyncctx findings still
count); a crash is a non-zero exit from a signal or a "Stack dump".
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CONFIG = "{Checks: '-*,asyncctx-*', CheckOptions: {asyncctx.Profiles: 'folly;opentelemetry'}}"
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<kind>warning|error|note): (?P<msg>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")
PROGRAM = re.compile(r"^asyncctx-tidy: \d+ files? of one program: ")

# folly-config.h: what Debian 12 (glibc 2.36, the packages above) has.
FOLLY_ON = {
    "FOLLY_HAVE_PTHREAD", "FOLLY_HAVE_PTHREAD_ATFORK", "FOLLY_HAVE_LIBGFLAGS", "FOLLY_HAVE_LIBGLOG",
    "FOLLY_HAVE_ACCEPT4", "FOLLY_HAVE_GETRANDOM", "FOLLY_HAVE_PREADV", "FOLLY_HAVE_PWRITEV",
    "FOLLY_HAVE_CLOCK_GETTIME", "FOLLY_HAVE_PIPE2", "FOLLY_HAVE_UNALIGNED_ACCESS", "FOLLY_HAVE_VLA",
    "FOLLY_HAVE_WEAK_SYMBOLS", "FOLLY_HAVE_LINUX_VDSO", "FOLLY_HAVE_MALLOC_USABLE_SIZE",
    "FOLLY_HAVE_INT128_T", "FOLLY_HAVE_WCHAR_SUPPORT", "FOLLY_HAVE_EXTRANDOM_SFMT19937",
    "HAVE_VSNPRINTF_ERRORS", "FOLLY_HAVE_BACKTRACE", "FOLLY_HAVE_LIBLZ4", "FOLLY_HAVE_LIBSNAPPY",
    "FOLLY_HAVE_LIBZSTD", "FOLLY_HAVE_LIBRT", "FOLLY_HAVE_SWAPCONTEXT",
}


# The config headers CMake writes from a template: the template (in the
# checkout), where the header goes (under the stubs), what is switched on,
# and the @VALUES@.
CMAKE_CONFIGS = {
    "folly": ("CMake/folly-config.h.cmake", "folly/folly-config.h", FOLLY_ON, {}),
    "fizz": ("fizz/fizz-config.h.in", "fizz/fizz-config.h",
             {"FIZZ_HAVE_SODIUM", "FIZZ_CERTIFICATE_USE_OPENSSL_CERT"},  # the second: its CMake default
             {"FIZZ_LOGGING_BACKEND": "GLOG"}),
    "wangle": ("wangle/wangle-config.h.in", "wangle/wangle-config.h", set(),
               {"WANGLE_LOGGING_BACKEND": "GLOG"}),
    "mvfst": ("quic/quic-logging-config.h.in", "quic/quic-logging-config.h", set(),
              {"MVFST_LOGGING_BACKEND": "GLOG"}),
}


def write_cmake_config(project, checkout, stubs):
    template, header, on, values = CMAKE_CONFIGS[project]
    template = os.path.join(checkout, template)
    if not os.path.exists(template):
        return
    out = []
    for line in open(template):
        m = re.match(r"#cmakedefine01 (\w+)", line)
        if m:
            out.append("#define %s %d\n" % (m.group(1), m.group(1) in on))
            continue
        m = re.match(r"#cmakedefine (\w+)(.*)", line)
        if m:
            out.append("#define %s%s\n" % m.groups() if m.group(1) in on else "/* #undef %s */\n" % m.group(1))
            continue
        out.append(re.sub(r"@(\w+)@", lambda v: values[v.group(1)], line))
    os.makedirs(os.path.dirname(os.path.join(stubs, header)), exist_ok=True)
    with open(os.path.join(stubs, header), "w") as f:
        f.write("".join(out))


def write_proxygen_headers(checkout, stubs):
    """proxygen/lib/http/HTTPCommonHeaders.h, which proxygen's CMake makes
    with gen_HTTPCommonHeaders.sh from HTTPCommonHeaders.txt and
    perfect_hash_table_template.h: the same substitutions, in Python (the
    .cpp half, a gperf table, is not needed to parse the users)."""
    names = os.path.join(checkout, "proxygen", "lib", "http", "HTTPCommonHeaders.txt")
    template = os.path.join(checkout, "proxygen", "lib", "utils", "perfect_hash_table_template.h")
    if not (os.path.exists(names) and os.path.exists(template)):
        return
    headers = [line.split()[0] for line in open(names) if line.split()]
    out = []
    for line in open(template):
        if line.split()[:1] == ["%%%%%"]:
            for i, h in enumerate(headers, 1):
                out.append("  HTTP_HEADER_%s = %d,\n" % (h.replace("-", "_").replace(":", "COLON_").upper(), i + 1))
            continue
        if line.split()[:1] == ["$$$$$"]:
            out.append("  constexpr static uint64_t num_codes = %d;\n" % (len(headers) + 2))
            continue
        for key, value in (("%%name%%", "HTTPCommonHeaders"), ("%%name_enum%%", "HTTPHeaderCode"),
                           ("%%enum_prefix%%", "HTTP_HEADER"),
                           ("%%table_type_name%%", "HTTPCommonHeaderTableType")):
            line = line.replace(key, value)
        out.append(line)
    os.makedirs(os.path.join(stubs, "proxygen", "lib", "http"), exist_ok=True)
    with open(os.path.join(stubs, "proxygen", "lib", "http", "HTTPCommonHeaders.h"), "w") as f:
        f.write("".join(out))
    # TraceEventType.h and TraceFieldType.h: what gen_trace_event_constants.py
    # writes from utils/samples/<name>.txt (an enum class and two lookups).
    os.makedirs(os.path.join(stubs, "proxygen", "lib", "utils"), exist_ok=True)
    for name in ("TraceEventType", "TraceFieldType"):
        items = [m.group(1) for m in (re.match(r'(.*), "(.*)"', line)
                                      for line in open(os.path.join(checkout, "proxygen", "lib", "utils", "samples", name + ".txt")))
                 if m]
        with open(os.path.join(stubs, "proxygen", "lib", "utils", name + ".h"), "w") as f:
            f.write("#pragma once\n\n#include <string>\n\nnamespace proxygen {\n\nenum class %s {\n" % name)
            f.write("".join("    %s,\n" % item for item in items))
            f.write("};\n\nextern const std::string& get%sString(%s);\n" % (name, name))
            f.write("extern %s get%sFromString(const std::string&);\n}\n" % (name, name))


def read_list(project):
    flags, header_filter, files = "", "", []
    for line in open(os.path.join(HERE, "real-code", project + ".txt")):
        line = line.strip()
        if line.startswith("# flags:"):
            flags = line[len("# flags:"):].strip()
        elif line.startswith("# header-filter:"):
            header_filter = line[len("# header-filter:"):].strip()
        elif line and not line.startswith("#"):
            files.append(line)
    return flags, header_filter, files


def run_files(tidy, checkout, paths, flags, header_filter, options):
    """asyncctx-tidy over `paths` in one run (with --cross-tu in `options`,
    as one program); the findings, errors and whether it crashed."""
    cmd = [tidy, "--quiet", "--config=" + CONFIG] + options + [os.path.join(checkout, p) for p in paths]
    if header_filter:
        cmd.append("--header-filter=" + re.escape(checkout.rstrip("/") + "/") + "(" + header_filter + ")")
    cmd += ["--"] + flags
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    crashed = (proc.returncode < 0 or proc.returncode >= 128 or "Stack dump:" in proc.stdout
               or "clang-tidy crashed on" in proc.stdout)
    findings, errors, current, program = [], [], None, ""
    for line in proc.stdout.splitlines():
        if PROGRAM.match(line):
            program = line  # what a program run analysed and parsed
        m = DIAG.match(line)
        if not m:
            continue
        where = "%s:%s:%s" % (os.path.relpath(m.group("file"), checkout), m.group("line"), m.group("col"))
        if m.group("kind") == "error" and not (m.group("check") or "").startswith("asyncctx"):
            errors.append("%s: %s" % (where, m.group("msg")))
            current = None
        elif m.group("kind") == "warning" and (m.group("check") or "").startswith("asyncctx"):
            current = {"at": where, "check": m.group("check"), "message": m.group("msg"), "notes": []}
            findings.append(current)
        elif m.group("kind") == "note" and current is not None:
            current["notes"].append("%s: %s" % (where, m.group("msg")))
    return {"file": paths[0] if len(paths) == 1 else "(%d files)" % len(paths),
            "crashed": crashed, "exit": proc.returncode, "errors": errors,
            "findings": findings, "program": program, "output": proc.stdout if crashed else ""}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", help="folly, opentelemetry-cpp or opentelemetry-cpp-contrib")
    parser.add_argument("checkout")
    parser.add_argument("--with", action="append", default=[], metavar="PROJECT=DIR",
                        help="another checkout the flags name as {PROJECT}")
    parser.add_argument("--tidy", default=os.path.join(os.environ.get("ASYNCCTX_BUILD_DIR", os.path.join(ROOT, "build")), "asyncctx-tidy"))
    parser.add_argument("--out", default=None, help="where the stubs and the JSON report go")
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--only", default="", help="a regex: analyse only the files it matches")
    parser.add_argument("--cross-tu", action="store_true",
                        help="analyse the files as one program (asyncctx-tidy --cross-tu), in one run")
    parser.add_argument("--tidy-option", action="append", default=[], metavar="OPTION",
                        help="one more option for asyncctx-tidy (--keep-parsed=0, say)")
    args = parser.parse_args()

    checkout = os.path.abspath(args.checkout)
    out = os.path.abspath(args.out or os.path.join(os.environ.get("ASYNCCTX_BUILD_DIR", os.path.join(ROOT, "build")), "real-code", args.project))
    stubs = os.path.join(out, "stubs")
    os.makedirs(stubs, exist_ok=True)
    flags_text, header_filter, files = read_list(args.project)
    subst = {"checkout": checkout, "stubs": stubs}
    for item in args.__dict__["with"]:
        name, _, path = item.partition("=")
        subst[name] = os.path.abspath(path)
    # The generated headers: from each checkout, the one analysed (folly and
    # folly-production) or one the flags name ({folly}, {fizz}, ...).
    for name in CMAKE_CONFIGS:
        where = subst.get(name, checkout if args.project.split("-")[0] == name else None)
        if where:
            write_cmake_config(name, where, stubs)
    if args.project == "proxygen":
        write_proxygen_headers(checkout, stubs)
    flags = [re.sub(r"\{([\w-]+)\}", lambda m: subst[m.group(1)], f) for f in shlex.split(flags_text)]
    if args.only:
        files = [f for f in files if re.search(args.only, f)]

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        if args.cross_tu:
            jobs = [pool.submit(run_files, args.tidy, checkout, files, flags, header_filter,
                                ["--cross-tu"] + args.tidy_option)]
        else:
            jobs = [pool.submit(run_files, args.tidy, checkout, [f], flags, header_filter,
                                args.tidy_option) for f in files]
        for job in jobs:
            r = job.result()
            results.append(r)
            status = "CRASH" if r["crashed"] else ("compile errors" if r["errors"] else "ok")
            print("== %s: %s, %d finding(s)" % (r["file"], status, len(r["findings"])), flush=True)
            if r["program"]:
                print("  " + r["program"])
            for f in r["findings"]:
                print("  %s: %s [%s]" % (f["at"], f["message"], f["check"]))
                for n in f["notes"]:
                    print("    note: %s" % n)
            if r["errors"]:
                print("  first compile error: %s" % r["errors"][0])
            if r["crashed"]:
                print(r["output"])

    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(results, f, indent=1)
    seen, findings = set(), []
    for r in results:
        for f in r["findings"]:
            key = (f["at"], f["check"], f["message"])
            if key not in seen:  # a header's finding, reported from each file that includes it
                seen.add(key)
                findings.append(f)
    if args.cross_tu:
        print("\n%s: %d files analysed as one program, %d compile errors, %s, %d findings (distinct)"
              % (args.project, len(files), len(results[0]["errors"]),
                 "crashed" if results[0]["crashed"] else "no crash", len(findings)))
        return 1 if results[0]["crashed"] else 0
    print("\n%s: %d files analysed, %d with compile errors, %d crashed, %d findings (distinct)"
          % (args.project, len(results), sum(1 for r in results if r["errors"]),
             sum(1 for r in results if r["crashed"]), len(findings)))
    return 1 if any(r["crashed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
