"""Runs asyncctx-tidy over every test input of the suite with every check,
every profile and StrictMode on, fixing a copy (notes' fixes too), and fails
on a crash. Prints `crash sweep: N inputs, N runs, N crashes`."""
import argparse
import glob
import os
import shutil
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--tidy", required=True)
parser.add_argument("--src", required=True, help="the project's root")
parser.add_argument("--work", required=True)
args = parser.parse_args()

config = ("{CheckOptions: {asyncctx.Profiles: 'folly;opentelemetry;log4cxx;spdlog;boost-log', "
          "asyncctx-read-outside-run.StrictMode: true}}")
includes = ["-I" + os.path.join(args.src, "include"),
            "-I" + os.path.join(args.src, "test/checks/Inputs"),
            "-I" + os.path.join(args.src, "test/checks/Inputs/profiles"),
            "-I" + os.path.join(args.src, "test/stress/Inputs")]
inputs = sorted(glob.glob(os.path.join(args.src, "test/checks/*.cpp")) +
                glob.glob(os.path.join(args.src, "test/stress/*.cpp")) +
                glob.glob(os.path.join(args.src, "test/stress/*.mm")) +
                glob.glob(os.path.join(args.src, "test/stress/*.c")) +
                glob.glob(os.path.join(args.src, "examples/*/*.cpp")))
os.makedirs(args.work, exist_ok=True)
runs = crashes = 0
for path in inputs:
    ext = os.path.splitext(path)[1]
    std = "-std=c11" if ext == ".c" else "-std=c++20"
    copy = os.path.join(args.work, os.path.basename(path))
    shutil.copy(path, copy)
    for extra in ([], ["-fix", "--fix-notes"]):
        cmd = [args.tidy, copy, "-checks=-*,asyncctx-*", "--config=" + config] + extra + \
              ["--", std] + includes
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        runs += 1
        if proc.returncode < 0 or proc.returncode >= 128 or "Stack dump:" in proc.stdout:
            crashes += 1
            sys.stdout.write("CRASH: %s\n%s\n" % (" ".join(cmd), proc.stdout[-3000:]))
print("crash sweep: %d inputs, %d runs, %d crashes" % (len(inputs), runs, crashes))
sys.exit(1 if crashes or not inputs else 0)
