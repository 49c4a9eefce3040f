#!/usr/bin/env python3
"""The asyncctx-tidy benchmark: overhead and scaling against the front end.

    python3 bench/run.py [--runs N] [--build DIR] [--sizes 5000,10000,20000] [--callgrind]

Generates its inputs under BUILD/bench (see generate()), then times, per
input, in one run and alternating the order every round:

  syntax-only   clang++-19 -fsyntax-only (the front end alone)
  trivial       asyncctx-tidy with one trivial built-in check
  asyncctx      the same plus every asyncctx check
  use-after-move  the same plus clang-tidy's bugprone-use-after-move, for comparison

and prints a Markdown table of medians (wall and CPU time, peak memory from
/usr/bin/time), the ratios to the trivial run, the per-check breakdown from
--enable-check-profile, and whether the project's targets (docs/performance.md)
hold. It measures;
it asserts nothing (no test depends on it).

Times on a shared virtual machine wander by several per cent between runs;
--callgrind also counts the instructions of inputs (a) and (c) under
valgrind, which are the same on every run, to judge the small targets.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRIVIAL = "misc-unused-alias-decls"
STD_HEADERS = ["algorithm", "coroutine", "functional", "future", "map", "memory", "mutex",
               "stdexcept", "string", "thread", "vector"]


# --- Inputs ---------------------------------------------------------------

def plain_functions(count):
    """Code that touches no store: strings, containers, algorithms."""
    out = []
    for i in range(count):
        out.append(f"""
std::string plain_{i}(const std::vector<std::string> &words, int limit) {{
  std::map<std::string, int> counts;
  for (const auto &w : words)
    if (static_cast<int>(w.size()) < limit + {i % 7})
      ++counts[w];
  std::string joined;
  for (const auto &[word, n] : counts)
    joined += word + ":" + std::to_string(n) + ";";
  std::vector<int> sizes(words.size());
  std::transform(words.begin(), words.end(), sizes.begin(), [](const std::string &s) {{ return int(s.size()); }});
  if (joined.empty())
    throw std::runtime_error("nothing under {i}");
  return joined;
}}""")
    return "\n".join(out)


def realistic(handlers, helpers, plains, coroutines):
    """A service: invocations that open scopes (plain functions and coroutines),
    helpers that read, and plain code."""
    out = ["#include <%s>" % h for h in STD_HEADERS]
    out.append('#include "asyncctx/context_store.h"')
    out.append("""
struct Claims { std::string user; std::vector<std::string> scopes; };
asyncctx::context_store<Claims> claims_storage;
asyncctx::context_store<std::string> request_ids;

const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}""")
    for i in range(helpers):
        out.append(f"""
std::string helper_{i}(int n) {{
  const Claims &c = use_claims();
  std::string id = request_ids.get_store() ? *request_ids.get_store() : "none";
  return c.user + "/" + id + "/" + std::to_string(n + {i});
}}""")
    for i in range(handlers):
        helper = i % max(helpers, 1)
        out.append(f"""
ASYNCCTX_INVOCATION std::string handler_{i}(const std::string &payload) {{
  Claims claims{{payload, {{"read", "write"}}}};
  return claims_storage.run(claims, [&] {{
    return request_ids.run("req-{i}", [&] {{
      std::string result = helper_{helper}(static_cast<int>(payload.size()));
      if (payload.size() > {i % 13})
        result += helper_{(helper + 1) % max(helpers, 1)}(1);
      return result;
    }});
  }});
}}""")
    # Coroutine handlers: an eager task that suspends, with run() on either
    # side of the suspension, and every fifth one holding a guard across it.
    out.append("""
struct bench_task {
  struct promise_type {
    bench_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct next_tick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};""")
    for i in range(coroutines):
        helper = i % max(helpers, 1)
        guard = ("  asyncctx::scope<Claims> held(claims_storage, claims);\n" if i % 5 == 0 else "")
        out.append(f"""
ASYNCCTX_INVOCATION bench_task coro_handler_{i}(std::string payload) {{
  Claims claims{{payload, {{"read"}}}};
{guard}  auto answer = [&](int n) {{
    return request_ids.run(std::string("coro-{i}"), [&] {{ return helper_{helper}(n); }});
  }};
  std::string before = claims_storage.run(claims, answer, 1);
  co_await next_tick{{}};
  std::string after = claims_storage.run(claims, answer, 2);
  if (before.size() > after.size() + {i % 7})
    co_await next_tick{{}};
}}""")
    out.append(plain_functions(plains))
    return "\n".join(out) + "\n"


def no_store(plains):
    return "\n".join(["#include <%s>" % h for h in STD_HEADERS] + [plain_functions(plains)]) + "\n"


def huge(statements):
    """One invocation of about `statements` statements: reads in scopes,
    branches, loops, switches, and now and then an enter_with/disable pair."""
    out = ['#include "asyncctx/context_store.h"',
           "struct Claims { int user; };",
           "asyncctx::context_store<Claims> s;",
           "void work(int);",
           "int helper() { return s.get_store() ? s.get_store()->user : 0; }",
           "ASYNCCTX_INVOCATION int huge(int x) {"]
    patterns = [
        "  if (x > {i}) work({i}); else work(-{i});",
        "  s.run(Claims{{{i}}}, [&] {{ work(s.get_store()->user); }});",
        "  for (int j = 0; j < x; ++j) work(j + {i});",
        "  switch (x % 7) {{ case 0: work({i}); break; case 1: work(2); break; default: break; }}",
        "  work(s.run(Claims{{{i}}}, helper));",
    ]
    for i in range(statements):
        if i % 100 == 99:
            out.append(f"  s.enter_with(Claims{{{i}}}); work(s.get_store()->user); s.disable();")
        else:
            out.append(patterns[i % len(patterns)].format(i=i))
    out += ["  return 0;", "}"]
    return "\n".join(out) + "\n"


def generate(directory, sizes):
    os.makedirs(directory, exist_ok=True)
    inputs = [("(a) realistic TU", "realistic.cpp", realistic(200, 200, 300, 50)),
              ("(c) no store", "no_store.cpp", no_store(700))]
    inputs += [("(b) huge %d" % n, "huge_%d.cpp" % n, huge(n)) for n in sizes]
    paths = []
    for label, name, text in inputs:
        path = os.path.join(directory, name)
        with open(path, "w") as f:
            f.write(text)
        paths.append((label, path, text.count("\n")))
    return paths


# --- Measuring ------------------------------------------------------------

def commands(tidy, clangxx, path):
    flags = ["-std=c++20", "-I" + os.path.join(ROOT, "include")]
    tidy_run = lambda checks: [tidy, "--quiet", "--config={}", "-checks=-*," + checks, path, "--"] + flags
    return {
        "syntax-only": [clangxx, "-fsyntax-only", path] + flags,
        "trivial": tidy_run(TRIVIAL),
        "asyncctx": tidy_run(TRIVIAL + ",asyncctx-*"),
        "use-after-move": tidy_run(TRIVIAL + ",bugprone-use-after-move"),
    }


def timed(cmd):
    """Wall seconds, peak RSS (KiB) and CPU seconds of one run, from GNU time."""
    proc = subprocess.run(["/usr/bin/time", "-f", "@@ %e %M %U %S"] + cmd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = [l for l in proc.stderr.splitlines() if l.startswith("@@ ")][-1]
    _, wall, rss, user, system = line.split()
    return float(wall), int(rss), float(user) + float(system)


def instructions(cmd):
    """Instructions executed, counted by callgrind."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    return int(m.group(1)) if m else 0


def profile(cmd):
    """Per-check wall seconds from --enable-check-profile."""
    proc = subprocess.run(cmd[:2] + ["--enable-check-profile"] + cmd[2:],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    times = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"\s*(?:[\d.]+ \(\s*[\d.]+%\)\s+){3}([\d.]+) \(\s*[\d.]+%\)\s+(\S+)$", line)
        if m and m.group(2) != "Total":
            times[m.group(2)] = float(m.group(1))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per configuration (median)")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--sizes", default="5000,10000,20000",
                        help="statement counts of the huge function")
    parser.add_argument("--callgrind", action="store_true",
                        help="also count instructions of (a) and (c) under valgrind (slow)")
    args = parser.parse_args()

    tidy = os.path.join(args.build, "asyncctx-tidy")
    clangxx = "/usr/lib/llvm-19/bin/clang++"
    for tool in (tidy, clangxx, "/usr/bin/time"):
        if not os.path.exists(tool):
            sys.exit("bench: %s is missing (build first: bash scripts/bootstrap; GNU time: apt-get install time)" % tool)
    sizes = [int(s) for s in args.sizes.split(",")]
    inputs = generate(os.path.join(args.build, "bench"), sizes)

    configs = ["syntax-only", "trivial", "asyncctx", "use-after-move"]
    results = {}
    for label, path, lines in inputs:
        cmds = commands(tidy, clangxx, path)
        samples = {c: [] for c in configs}
        for round_ in range(args.runs):
            order = configs[round_ % len(configs):] + configs[:round_ % len(configs)]
            for config in order:
                samples[config].append(timed(cmds[config]))
        med = {c: (statistics.median(t for t, _, _ in samples[c]),
                   statistics.median(m for _, m, _ in samples[c]),
                   statistics.median(u for _, _, u in samples[c]))
               for c in configs}
        results[label] = (lines, med, profile(cmds["asyncctx"]))
        print("measured %s" % label, file=sys.stderr)

    print("| input | lines | syntax-only | trivial check | + asyncctx-* | time ratio | CPU ratio | extra | "
          "peak MB trivial | peak MB asyncctx | memory ratio | + use-after-move | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, (lines, med, _) in results.items():
        t, a, u = med["trivial"], med["asyncctx"], med["use-after-move"]
        print("| %s | %d | %.3f s | %.3f s | %.3f s | %.3f | %.3f | %+.0f ms | %.1f | %.1f | %.3f | %.3f s | %.3f |" % (
            label, lines, med["syntax-only"][0], t[0], a[0], a[0] / t[0], a[2] / t[2], (a[0] - t[0]) * 1000,
            t[1] / 1024, a[1] / 1024, a[1] / t[1], u[0], u[0] / t[0]))

    print("\nPer-check wall time (--enable-check-profile, one run):\n")
    print("| input | " + " | ".join(["asyncctx-enter-with", "asyncctx-invocation-leak",
                                     "asyncctx-read-outside-run"]) + " |")
    print("|---|---:|---:|---:|")
    for label, (_, _, prof) in results.items():
        print("| %s | %s |" % (label, " | ".join("%.1f ms" % (1000 * prof.get(c, 0.0)) for c in (
            "asyncctx-enter-with", "asyncctx-invocation-leak", "asyncctx-read-outside-run"))))

    counted = {}
    if args.callgrind:
        print("\nInstructions (callgrind, one run each):\n")
        print("| input | syntax-only | trivial check | + asyncctx-* | ratio to trivial |")
        print("|---|---:|---:|---:|---:|")
        for label, path, _ in inputs:
            if not label.startswith(("(a)", "(c)")):
                continue
            cmds = commands(tidy, clangxx, path)
            n = {c: instructions(cmds[c]) for c in ("syntax-only", "trivial", "asyncctx")}
            counted[label] = n["asyncctx"] / n["trivial"]
            print("| %s | %d | %d | %d | %.4f |" % (label, n["syntax-only"], n["trivial"], n["asyncctx"],
                                                   counted[label]))

    print("\nTargets:\n")
    a = results["(a) realistic TU"][1]
    c = results["(c) no store"][1]
    verdict = lambda ok: "met" if ok else "MISSED"
    ratio_a, mem_a = a["asyncctx"][0] / a["trivial"][0], a["asyncctx"][1] / a["trivial"][1]
    ratio_c = c["asyncctx"][0] / c["trivial"][0]
    print("- (a) time +%.1f%% (target <= 5%%): %s" % ((ratio_a - 1) * 100, verdict(ratio_a <= 1.05)))
    print("- (a) peak memory +%.1f%% (target <= 5%%): %s" % ((mem_a - 1) * 100, verdict(mem_a <= 1.05)))
    print("- (c) time +%.1f%% (target <= 1%%): %s" % ((ratio_c - 1) * 100, verdict(ratio_c <= 1.01)))
    for label, ratio in counted.items():
        target = 1.05 if label.startswith("(a)") else 1.01
        print("- %s instructions +%.2f%% (target <= %d%%): %s" % (
            label, (ratio - 1) * 100, round((target - 1) * 100), verdict(ratio <= target)))
    extra = {n: (lambda m: m["asyncctx"][0] - m["trivial"][0])(results["(b) huge %d" % n][1]) for n in sizes}
    for small, big in zip(sizes, sizes[1:]):
        if extra[small] > 0:
            growth = extra[big] / extra[small]
            print("- (b) extra time %d -> %d statements: x%.2f for x%.1f the size (target <= x2.2 per doubling): %s" % (
                small, big, growth, big / small, verdict(growth <= 2.2 * (big / small) / 2)))


if __name__ == "__main__":
    main()
