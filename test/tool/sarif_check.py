#!/usr/bin/env python3
"""Check a SARIF log from asyncctx-tidy --export-sarif and print what it says.

The check holds the log to what the SARIF 2.1.0 schema requires of the
objects asyncctx-tidy writes: the required properties, the allowed property
names of each object (the schema closes them with additionalProperties:
false), enumerations and minimum values, unique related-location ids, and
that each result's ruleIndex names the rule of its ruleId. And what GitHub
code scanning wants beyond the schema: every result has a location (it
rejects the whole log otherwise), and every rule a helpUri. Every breach is
printed as `sarif-error: <where>: <what>` and makes the exit status 1.

Then, for FileCheck, one line per fact:

  category <automationDetails.id>           (the run's, if it has one)
  rule <ruleId> <helpUri>
  result <ruleId> <level> <file>:<line>:<col>-<line>:<col> "<message>"
    related <file>:<line>:<col> "<message>"
    flow <file>:<line>:<col> "<message>"       (each step of a code flow)
    fix "<description>" <file>:<line>:<col>-<line>:<col> -> "<text>" ...

With --apply DIR, every fix is applied (lines and columns in code points)
to a copy of its file under DIR, at the file's path relative to SRCROOT.
With --validator-report, the file is instead the report of the SARIF
Multitool's `validate`, and its findings are listed.
"""

import argparse
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from text_edits import apply_edits  # noqa: E402

LEVELS = {"none", "note", "warning", "error"}
COLUMN_KINDS = {"utf16CodeUnits", "unicodeCodePoints"}

# The properties the schema allows on each object kind asyncctx-tidy writes
# (a subset of the schema's: the ones a tool may set), and those it requires.
ALLOWED = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "results", "columnKind", "originalUriBaseIds", "invocations",
            "artifacts", "properties", "language", "defaultEncoding", "automationDetails"},
    "runAutomationDetails": {"description", "id", "guid", "correlationGuid", "properties"},
    "tool": {"driver", "extensions", "properties"},
    "driver": {"name", "version", "semanticVersion", "informationUri", "rules",
               "fullName", "organization", "properties"},
    "rule": {"id", "name", "shortDescription", "fullDescription", "help", "helpUri",
             "defaultConfiguration", "properties"},
    "result": {"ruleId", "ruleIndex", "level", "message", "locations",
               "relatedLocations", "codeFlows", "fixes", "kind", "partialFingerprints",
               "properties"},
    "codeFlow": {"message", "threadFlows", "properties"},
    "threadFlow": {"id", "message", "initialState", "immutableState", "locations",
                   "properties"},
    "threadFlowLocation": {"index", "location", "stack", "kinds", "taxa", "module",
                           "state", "nestingLevel", "executionOrder", "executionTimeUtc",
                           "importance", "webRequest", "webResponse", "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "location": {"id", "physicalLocation", "message", "properties"},
    "physicalLocation": {"artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset",
               "charLength", "byteOffset", "byteLength", "snippet", "message",
               "sourceLanguage", "properties"},
    "fix": {"description", "artifactChanges", "properties"},
    "artifactChange": {"artifactLocation", "replacements", "properties"},
    "replacement": {"deletedRegion", "insertedContent", "properties"},
    "artifactContent": {"text", "binary", "rendered", "properties"},
}
REQUIRED = {
    "log": {"version", "runs"},
    "run": {"tool"},
    "tool": {"driver"},
    "driver": {"name"},
    "rule": {"id"},
    "result": {"message"},
    "codeFlow": {"threadFlows"},
    "threadFlow": {"locations"},
    "fix": {"artifactChanges"},
    "artifactChange": {"artifactLocation", "replacements"},
    "replacement": {"deletedRegion"},
}


class Checker:
    def __init__(self):
        self.errors = []

    def error(self, where, what):
        self.errors.append("sarif-error: %s: %s" % (where, what))

    def obj(self, value, kind, where):
        if not isinstance(value, dict):
            self.error(where, "%s must be an object" % kind)
            return {}
        for key in sorted(set(value) - ALLOWED[kind]):
            self.error(where, "property '%s' is not allowed on %s" % (key, kind))
        for key in sorted(REQUIRED.get(kind, set()) - set(value)):
            self.error(where, "%s needs property '%s'" % (kind, key))
        return value

    def array(self, value, where, min_items=0):
        if not isinstance(value, list):
            self.error(where, "must be an array")
            return []
        if len(value) < min_items:
            self.error(where, "needs at least %d item(s)" % min_items)
        return value

    def integer(self, value, where, minimum):
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.error(where, "must be an integer >= %d" % minimum)

    def message(self, value, where):
        m = self.obj(value, "message", where)
        if "text" not in m and "id" not in m:
            self.error(where, "message needs 'text' or 'id'")
        return m.get("text", "")

    def text_object(self, value, where):
        # multiformatMessageString: text required.
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            self.error(where, "needs a string 'text'")

    def artifact_location(self, value, where, base_ids):
        a = self.obj(value, "artifactLocation", where)
        uri = a.get("uri")
        if not isinstance(uri, str) or not uri:
            self.error(where, "artifactLocation needs a 'uri'")
        if "uriBaseId" in a and a["uriBaseId"] not in base_ids:
            self.error(where, "uriBaseId '%s' is not in originalUriBaseIds" % a["uriBaseId"])
        return a

    def region(self, value, where):
        r = self.obj(value, "region", where)
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            if key in r:
                self.integer(r[key], where + "." + key, 1)
        if "startLine" not in r:
            self.error(where, "a text region needs 'startLine'")
        start = (r.get("startLine", 0), r.get("startColumn", 1))
        end = (r.get("endLine", start[0]), r.get("endColumn", start[1]))
        if end < start:
            self.error(where, "region ends before it starts")
        return r

    def physical(self, value, where, base_ids):
        p = self.obj(value, "physicalLocation", where)
        if "artifactLocation" not in p:
            self.error(where, "physicalLocation needs 'artifactLocation'")
        else:
            self.artifact_location(p["artifactLocation"], where + ".artifactLocation", base_ids)
        if "region" in p:
            self.region(p["region"], where + ".region")
        return p


def resolve(artifact, base_ids):
    """The file path of an artifactLocation."""
    uri = artifact["uri"]
    base = artifact.get("uriBaseId")
    if base:
        uri = base_ids[base]["uri"] + uri
    return urllib.parse.unquote(urllib.parse.urlparse(uri).path)


def shown(artifact):
    return urllib.parse.unquote(artifact["uri"]).split("/")[-1]


def span(region):
    return "%d:%d-%d:%d" % (region["startLine"], region.get("startColumn", 1),
                            region.get("endLine", region["startLine"]),
                            region.get("endColumn", region.get("startColumn", 1)))


def check(log, c):
    log = c.obj(log, "log", "log")
    if log.get("version") != "2.1.0":
        c.error("log.version", "must be \"2.1.0\"")
    facts, fixes = [], []
    for r_i, run in enumerate(c.array(log.get("runs"), "log.runs", 1)):
        where = "runs[%d]" % r_i
        run = c.obj(run, "run", where)
        if "columnKind" in run and run["columnKind"] not in COLUMN_KINDS:
            c.error(where + ".columnKind", "not one of %s" % sorted(COLUMN_KINDS))
        base_ids = run.get("originalUriBaseIds", {})
        if "automationDetails" in run:
            details = c.obj(run["automationDetails"], "runAutomationDetails",
                            where + ".automationDetails")
            if not isinstance(details.get("id"), str):
                c.error(where + ".automationDetails", "needs a string 'id'")
            facts.append("category %s" % details.get("id"))

        def located(loc, where, kind):
            """A note's location (related or in a flow): checked, and shown."""
            note = c.message(loc.get("message", {"text": ""}), where + ".message")
            p = c.physical(loc.get("physicalLocation", {}), where + ".physicalLocation", base_ids)
            if "artifactLocation" in p and "region" in p:
                facts.append('  %s %s:%d:%d "%s"' % (
                    kind, shown(p["artifactLocation"]), p["region"]["startLine"],
                    p["region"].get("startColumn", 1), note))

        for name, base in base_ids.items():
            b = c.obj(base, "artifactLocation", "%s.originalUriBaseIds.%s" % (where, name))
            uri = b.get("uri", "")
            if not urllib.parse.urlparse(uri).scheme or not uri.endswith("/"):
                c.error("%s.originalUriBaseIds.%s" % (where, name),
                        "a base id's uri must be absolute and end with '/'")
        tool = c.obj(run.get("tool"), "tool", where + ".tool")
        driver = c.obj(tool.get("driver", {}), "driver", where + ".tool.driver")
        rules = c.array(driver.get("rules", []), where + ".tool.driver.rules")
        rule_ids = []
        for i, rule in enumerate(rules):
            rw = "%s.tool.driver.rules[%d]" % (where, i)
            rule = c.obj(rule, "rule", rw)
            rule_ids.append(rule.get("id"))
            if not isinstance(rule.get("helpUri"), str) or \
                    not urllib.parse.urlparse(rule["helpUri"]).scheme:
                c.error(rw, "rule needs an absolute 'helpUri'")
            facts.append("rule %s %s" % (rule.get("id"), rule.get("helpUri")))
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule:
                    c.text_object(rule[key], rw + "." + key)
        if len(set(rule_ids)) != len(rule_ids):
            c.error(where + ".tool.driver.rules", "rule ids repeat")
        for i, result in enumerate(c.array(run.get("results", []), where + ".results")):
            rw = "%s.results[%d]" % (where, i)
            result = c.obj(result, "result", rw)
            text = c.message(result.get("message", {}), rw + ".message")
            level = result.get("level", "warning")
            if level not in LEVELS:
                c.error(rw + ".level", "not one of %s" % sorted(LEVELS))
            if "ruleIndex" in result:
                c.integer(result["ruleIndex"], rw + ".ruleIndex", -1)
                index = result["ruleIndex"]
                if not (isinstance(index, int) and 0 <= index < len(rule_ids)
                        and rule_ids[index] == result.get("ruleId")):
                    c.error(rw + ".ruleIndex", "does not name the rule '%s'" % result.get("ruleId"))
            where_shown = "?"
            if not result.get("locations"):
                c.error(rw, "result needs a location (code scanning rejects the log)")
            for j, loc in enumerate(c.array(result.get("locations", []), rw + ".locations")):
                loc = c.obj(loc, "location", "%s.locations[%d]" % (rw, j))
                p = c.physical(loc.get("physicalLocation", {}), "%s.locations[%d].physicalLocation" % (rw, j), base_ids)
                if j == 0 and "artifactLocation" in p and "region" in p:
                    where_shown = "%s:%s" % (shown(p["artifactLocation"]), span(p["region"]))
            facts.append('result %s %s %s "%s"' % (result.get("ruleId"), level, where_shown, text))
            ids = []
            for j, loc in enumerate(c.array(result.get("relatedLocations", []), rw + ".relatedLocations")):
                lw = "%s.relatedLocations[%d]" % (rw, j)
                loc = c.obj(loc, "location", lw)
                if "id" in loc:
                    c.integer(loc["id"], lw + ".id", -1)
                    ids.append(loc["id"])
                located(loc, lw, "related")
            if len(set(ids)) != len(ids):
                c.error(rw + ".relatedLocations", "ids repeat")
            for j, flow in enumerate(c.array(result.get("codeFlows", []), rw + ".codeFlows")):
                cw = "%s.codeFlows[%d]" % (rw, j)
                flow = c.obj(flow, "codeFlow", cw)
                for k, thread in enumerate(c.array(flow.get("threadFlows", []), cw + ".threadFlows", 1)):
                    tw = "%s.threadFlows[%d]" % (cw, k)
                    thread = c.obj(thread, "threadFlow", tw)
                    for m, step in enumerate(c.array(thread.get("locations", []), tw + ".locations", 1)):
                        sw = "%s.locations[%d]" % (tw, m)
                        step = c.obj(step, "threadFlowLocation", sw)
                        located(c.obj(step.get("location", {}), "location", sw + ".location"),
                                sw + ".location", "flow")
            for j, fix in enumerate(c.array(result.get("fixes", []), rw + ".fixes")):
                fw = "%s.fixes[%d]" % (rw, j)
                fix = c.obj(fix, "fix", fw)
                if "description" in fix:
                    c.message(fix["description"], fw + ".description")
                parts = []
                for k, change in enumerate(c.array(fix.get("artifactChanges", []), fw + ".artifactChanges", 1)):
                    cw = "%s.artifactChanges[%d]" % (fw, k)
                    change = c.obj(change, "artifactChange", cw)
                    artifact = c.artifact_location(change.get("artifactLocation", {}), cw + ".artifactLocation", base_ids)
                    for m, rep in enumerate(c.array(change.get("replacements", []), cw + ".replacements", 1)):
                        pw = "%s.replacements[%d]" % (cw, m)
                        rep = c.obj(rep, "replacement", pw)
                        region = c.region(rep.get("deletedRegion", {}), pw + ".deletedRegion")
                        inserted = rep.get("insertedContent", {"text": ""})
                        c.obj(inserted, "artifactContent", pw + ".insertedContent")
                        if "startLine" in region and "uri" in artifact:
                            parts.append('%s:%s -> %s' % (shown(artifact), span(region),
                                                          json.dumps(inserted.get("text", ""))))
                            fixes.append((resolve(artifact, base_ids), artifact, region,
                                          inserted.get("text", "")))
                facts.append('  fix "%s" %s' % (fix.get("description", {}).get("text", ""),
                                                " ".join(parts)))
    return facts, fixes


def apply_fixes(fixes, out_dir):
    by_file = {}
    for path, artifact, region, text in fixes:
        by_file.setdefault(path, (artifact, []))[1].append((region, text))
    for path, (artifact, edits) in by_file.items():
        with open(path, encoding="utf-8") as f:
            content = f.read()
        # SARIF's lines and columns are 1-based.
        content = apply_edits(content, [
            (region["startLine"] - 1, region.get("startColumn", 1) - 1,
             region.get("endLine", region["startLine"]) - 1,
             region.get("endColumn", region.get("startColumn", 1)) - 1, text)
            for region, text in edits])
        relative = urllib.parse.unquote(artifact["uri"]) if artifact.get("uriBaseId") \
            else os.path.basename(path)
        target = os.path.join(out_dir, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(content)


def print_validator_report(path):
    """One line per finding of the SARIF Multitool's `validate` report:
    `validator <level> <rule> <where>`."""
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    for run in report.get("runs", []):
        for result in run.get("results", []):
            arguments = result.get("message", {}).get("arguments", [""])
            print("validator %s %s %s" % (result.get("level", "warning"), result.get("ruleId"),
                                          arguments[0] if arguments else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--apply", metavar="DIR", help="write the fixed files under DIR")
    parser.add_argument("--validator-report", action="store_true",
                        help="the log is a SARIF Multitool validation report: list its findings")
    args = parser.parse_args()
    if args.validator_report:
        print_validator_report(args.log)
        return 0
    with open(args.log, encoding="utf-8") as f:
        log = json.load(f)
    c = Checker()
    facts, fixes = check(log, c)
    for line in facts:
        print(line)
    for error in c.errors:
        print(error)
    if args.apply and not c.errors:
        apply_fixes(fixes, args.apply)
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main())
