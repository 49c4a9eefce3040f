#!/usr/bin/env python3
"""Drive a language server as an editor does, over LSP on stdin/stdout.

The session: initialize, open one file, wait for its publishDiagnostics,
ask for the code actions of every diagnostic (and of chosen points), apply
the first quick fix whose diagnostic has the chosen code (or that has the
chosen title), then shut down. It prints what an
editor would show, one fact per line, for FileCheck:

  diagnostic <line>:<col> <severity> <source> <code>: <message>
  action "<title>" (<kind>) for <code>       (the actions of each diagnostic;
                                             <kind> ends ", preferred" for the
                                             one an editor applies unasked)
  action "<title>" (<kind>) at <line>:<col>  (with --actions-at)
  fixed-file-begin / the fixed file's lines / fixed-file-end
  exit <status>

Lines and columns are 1-based, as in compiler output. With --transcript the
JSON-RPC messages are also written, in order, to a file; with --timing, the
seconds from didOpen to the file's publishDiagnostics (for bench/, never
checked by a test).

A server that does not answer in --timeout seconds, dies, or answers a
request with an error makes the client exit with status 1 and say why.
"""

import argparse
import json
import os
import pathlib
import queue
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from text_edits import apply_edits  # noqa: E402

SEVERITIES = {1: "error", 2: "warning", 3: "information", 4: "hint"}


class LspError(Exception):
    pass


class Server:
    """A language server process and the JSON-RPC framing around it."""

    def __init__(self, argv, cwd, transcript):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.transcript = transcript
        self.next_id = 1
        self.inbox = queue.Queue()
        self.stderr_lines = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                self.inbox.put(None)
                return
            body = out.read(length)
            message = json.loads(body)
            self._log("<--", message)
            self.inbox.put(message)

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace").rstrip())

    def _log(self, direction, message):
        if self.transcript:
            self.transcript.write("%s %s\n" % (direction, json.dumps(message, sort_keys=True)))
            self.transcript.flush()

    def send(self, message):
        message = dict(message, jsonrpc="2.0")
        self._log("-->", message)
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params, timeout):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m,
                              timeout, "the reply to " + method)
        if "error" in reply:
            raise LspError("%s failed: %s" % (method, reply["error"]))
        return reply.get("result")

    def wait_for(self, wanted, timeout, what):
        """Returns the first message that `wanted` accepts; answers the
        server's own requests (workDoneProgress/create and the like) on the
        way, as an editor must."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError("no %s within %ss" % (what, timeout))
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise LspError("the server closed its output before %s" % what)
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            if wanted(message):
                return message


def position(pos):
    return "%d:%d" % (pos["line"] + 1, pos["character"] + 1)


def lsp_edits(edits):
    """LSP TextEdits as text_edits tuples (LSP counts UTF-16 units; the
    files opened here are ASCII, where that is the same)."""
    return [(e["range"]["start"]["line"], e["range"]["start"]["character"],
             e["range"]["end"]["line"], e["range"]["end"]["character"], e["newText"])
            for e in edits]


def session(args, transcript):
    path = pathlib.Path(args.file).resolve()
    uri = path.as_uri()
    text = path.read_text()
    server = Server([args.server] + args.server_arg, str(path.parent), transcript)
    status = 0
    try:
        server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": pathlib.Path(args.root or path.parent).resolve().as_uri(),
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"relatedInformation": True, "codeDescriptionSupport": True},
                    "codeAction": {"codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix", "refactor"]}}},
                },
            },
        }, args.timeout)
        server.notify("initialized", {})
        opened = time.monotonic()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        published = server.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri, args.timeout, "publishDiagnostics for " + path.name)
        if args.timing:
            pathlib.Path(args.timing).write_text("%.3f\n" % (time.monotonic() - opened))
        diagnostics = published["params"]["diagnostics"]
        for d in diagnostics:
            print("diagnostic %s %s %s %s: %s" % (
                position(d["range"]["start"]), SEVERITIES.get(d.get("severity"), "?"),
                d.get("source", "?"), d.get("code", "-"), d["message"].splitlines()[0]))
            for related in d.get("relatedInformation", []):
                print("  related %s: %s" % (position(related["location"]["range"]["start"]),
                                            related["message"]))

        fixed = None
        for d in diagnostics:
            actions = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": d["range"],
                "context": {"diagnostics": [d]}}, args.timeout) or []
            for action in actions:
                print('action "%s" (%s%s) for %s' % (
                    action["title"], action.get("kind", "-"),
                    ", preferred" if action.get("isPreferred") else "", d.get("code", "-")))
                if "edit" not in action:
                    continue
                wanted = (d.get("code") == args.apply if args.apply
                          else action["title"] == args.apply_title)
                if fixed is None and wanted and action.get("kind") == "quickfix":
                    edits = action["edit"].get("changes", {}).get(uri)
                    if edits is None:
                        edits = [e for change in action["edit"].get("documentChanges", [])
                                 if change["textDocument"]["uri"] == uri for e in change["edits"]]
                    fixed = apply_edits(text, lsp_edits(edits))
        for at in args.actions_at:
            line, _, column = at.partition(":")
            point = {"line": int(line) - 1, "character": int(column) - 1}
            actions = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": {"start": point, "end": point},
                "context": {"diagnostics": []}}, args.timeout) or []
            for action in actions:
                print('action "%s" (%s) at %s' % (action["title"], action.get("kind", "-"), at))
        if args.apply or args.apply_title:
            if fixed is None:
                print("no quick fix for %s" % (args.apply or args.apply_title))
            else:
                print("fixed-file-begin")
                sys.stdout.write(fixed if fixed.endswith("\n") else fixed + "\n")
                print("fixed-file-end")
                if args.write_fixed:
                    pathlib.Path(args.write_fixed).write_text(fixed)

        server.request("shutdown", None, args.timeout)
        server.notify("exit", None)
        try:
            status = server.proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            raise LspError("the server did not exit after shutdown and exit")
    except LspError as error:
        server.proc.kill()
        server.proc.wait()
        sys.stdout.flush()
        print("lsp_client: error: %s" % error, file=sys.stderr)
        for line in server.stderr_lines[-30:]:
            print("  server: " + line, file=sys.stderr)
        return 1
    print("exit %d" % status)
    return 0 if status == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="the language server to start")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="an argument for the server (repeatable)")
    parser.add_argument("--root", help="the workspace root (default: the file's folder)")
    parser.add_argument("--apply", help="apply the first quick fix of a diagnostic with this code")
    parser.add_argument("--apply-title", help="apply the first quick fix with this title")
    parser.add_argument("--actions-at", action="append", default=[], metavar="LINE:COL",
                        help="also list the code actions offered at this point (repeatable)")
    parser.add_argument("--write-fixed", help="also write the fixed file here")
    parser.add_argument("--transcript", help="write the JSON-RPC messages to this file")
    parser.add_argument("--timing", help="write the seconds from didOpen to diagnostics here")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("file")
    args = parser.parse_args()
    if args.transcript:
        with open(args.transcript, "w") as transcript:
            return session(args, transcript)
    return session(args, None)


if __name__ == "__main__":
    sys.exit(main())
