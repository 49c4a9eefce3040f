"""asyncctx-tidy as a Bazel aspect.

`asyncctx_aspect` lints every C and C++ source of the cc_library, cc_binary
and cc_test targets it reaches (the command line's targets and their deps,
in the main repository), with the facts of the program they are part of,
which flow along `deps` as in Go's analysis framework:

- a facts action per target (mnemonic AsyncCtxFacts) makes the facts of
  its sources (asyncctx-tidy --facts-only), one file for the target;
- a findings action per source (AsyncCtxTidy) runs asyncctx-tidy on it
  with the facts of its target and of every target that one depends on.
  A library's sources are linted with the facts of the library's own
  closure; a cc_binary or cc_test is a whole program, and lints every
  source of its closure again with the facts of all of it.

The reports are the output group `asyncctx_report`: a binary's are those
of its program, a library's its own and those of its libraries.

Each action declares everything it reads (the sources, the headers of its
compilation context, the .clang-tidy files, the facts, asyncctx-tidy and
the runner), so it runs in a sandbox, is cached, and can run remotely.
After a run it lists the headers its sources did not include as unused
inputs: changing a header re-runs only the actions whose sources include
it, and a findings action re-runs only when a facts file it reads changed.

    bazel build //... --aspects=@asyncctx_tidy//:asyncctx.bzl%asyncctx_aspect \\
        --output_groups=asyncctx_report --@asyncctx_tidy//:config=//:clang_tidy_config

docs/bazel.md has the settings and the flags for caches and remote execution.
"""

AsyncCtxFlagInfo = provider(
    doc = "The value of an asyncctx_bool_flag.",
    fields = ["value"],
)

AsyncCtxInfo = provider(
    doc = "What asyncctx_aspect knows of a target and of the targets it depends on.",
    fields = {
        "reports": "a depset of the reports of the target (at a binary or a test, of its whole program) and of the libraries it depends on",
        "facts": "a depset of the facts files of the target and of every target it depends on",
        "units": "a depset of the sources of the target and of every target it depends on, each a struct with its target's flags",
        "sources": "a depset of those sources, as files",
    },
)

def _bool_flag_impl(ctx):
    return [AsyncCtxFlagInfo(value = ctx.build_setting_value)]

asyncctx_bool_flag = rule(
    implementation = _bool_flag_impl,
    build_setting = config.bool(flag = True),
    doc = "A boolean setting given as --@asyncctx_tidy//:<name>[=true|false].",
)

_RULES = ["cc_library", "cc_binary", "cc_test"]

# The rules whose targets are whole programs.
_PROGRAMS = ["cc_binary", "cc_test"]

# Extensions of the sources linted, and whether they are C.
_SOURCE_EXTENSIONS = {
    "c": True,
    "cc": False,
    "cpp": False,
    "cxx": False,
    "c++": False,
    "C": False,
}

def _add_compile_flags(args, cpp, copts, compilation_context, is_c):
    """Adds the compiler's flags for one source: the options of the command
    line (--copt, --cxxopt or --conlyopt), the target's copts and its
    compilation context (its depsets are flattened only when the action
    runs). The toolchain's own flags are left out: they are the configured
    compiler's, which need not be clang."""
    args.add_all(cpp.copts)
    args.add_all(cpp.conlyopts if is_c else cpp.cxxopts)
    args.add_all(copts)
    args.add_all(compilation_context.defines, format_each = "-D%s")
    args.add_all(compilation_context.local_defines, format_each = "-D%s")
    args.add_all(compilation_context.includes, format_each = "-I%s")
    args.add_all(compilation_context.quote_includes, format_each = "-iquote%s")
    args.add_all(compilation_context.system_includes, format_each = "-isystem%s")

def _applies_to(config_file, source):
    """Whether clang-tidy, looking upwards from the source's directory,
    would read this .clang-tidy file."""
    directory = config_file.dirname  # "." at the workspace's root
    return directory == "." or source.dirname == directory or source.dirname.startswith(directory + "/")

def _plain_file(file):
    return None if file.is_directory else file.path

def _header_list(ctx, target, compilation_context):
    """A file naming the headers the runner may list as unused, one for all
    the target's sources; a directory of headers (a tree artifact) is never
    listed, so it is never pruned."""
    headers = ctx.actions.args()
    headers.add_all(compilation_context.headers, map_each = _plain_file, expand_directories = False)
    header_list = ctx.actions.declare_file("_asyncctx/{}.headers".format(target.label.name))
    ctx.actions.write(header_list, headers)
    return header_list

def _configs_for(config_files, sources):
    """The .clang-tidy files that apply to any of the sources."""
    return [f for f in config_files if [s for s in sources if _applies_to(f, s)]]

def _facts(ctx, target, units):
    """The facts action of a target: the facts of every source of the target
    (asyncctx-tidy --facts-only), one file for the target, with paths
    relative to the execution root. Facts of a file depend on its own code
    only, so the action reads the target's sources and headers and no facts
    of other targets."""
    compilation_context = target[CcInfo].compilation_context
    facts = ctx.actions.declare_file("_asyncctx/{}.facts".format(target.label.name))
    unused = ctx.actions.declare_file("_asyncctx/{}.facts.unused".format(target.label.name))
    sources = [unit.source for unit in units]
    config_files = _configs_for(ctx.files._config, sources)

    tidy = ctx.file._tidy
    args = ctx.actions.args()
    args.add("facts")
    args.add("--tidy", tidy)
    args.add("--out", facts)
    args.add("--unused", unused)
    args.add("--headers", units[0].header_list)
    args.add_all(config_files, before_each = "--config")
    args.add("--")

    # A section per language: its sources, then their flags.
    for is_c in [False, True]:
        group = [unit.source for unit in units if unit.is_c == is_c]
        if group:
            args.add("--files")
            args.add_all(group)
            args.add("--flags")
            _add_compile_flags(args, ctx.fragments.cpp, units[0].copts, compilation_context, is_c)

    ctx.actions.run(
        executable = ctx.executable._runner,
        arguments = [args],
        inputs = depset(
            sources + [tidy, units[0].header_list] + config_files,
            transitive = [compilation_context.headers],
        ),
        outputs = [facts, unused],
        unused_inputs_list = unused,
        mnemonic = "AsyncCtxFacts",
        progress_message = "asyncctx-tidy facts of {}".format(target.label),
    )
    return facts

def _source_list(ctx, target, sources):
    """A file naming the sources whose facts a target's findings actions
    read, one for all its actions: the runner lists those its report does
    not name (and that hold no NOLINT) as unused."""
    names = ctx.actions.args()
    names.add_all(sources)
    source_list = ctx.actions.declare_file("_asyncctx/{}.sources".format(target.label.name))
    ctx.actions.write(source_list, names)
    return source_list

def _lint(ctx, owner, unit, facts, sources, source_list):
    """The findings action of one source (unit), in the target owner (the
    source's own target, or the binary whose program it is part of), with
    the facts given (a depset of the facts files of the targets staged) and
    the sources they are of (a diagnostic can be placed in another file of
    the program: asyncctx-tidy reads that file to show it)."""
    config_files = [f for f in ctx.files._config if _applies_to(f, unit.source)]
    source = unit.source
    report = ctx.actions.declare_file("_asyncctx/{}/{}.txt".format(owner.name, source.short_path))
    unused = ctx.actions.declare_file("_asyncctx/{}/{}.unused".format(owner.name, source.short_path))

    tidy = ctx.file._tidy
    args = ctx.actions.args()
    args.add("findings")
    args.add("--tidy", tidy)
    args.add("--report", report)
    args.add("--unused", unused)
    args.add("--headers", unit.header_list)
    args.add("--sources", source_list)
    args.add_all(facts, before_each = "--facts")

    # Named on the command line so that a new .clang-tidy changes the action:
    # Bazel checks an action with unused inputs against the inputs it used.
    args.add_all(config_files, before_each = "--config")
    if ctx.attr._fail_on_findings[AsyncCtxFlagInfo].value:
        args.add("--fail-on-findings")
    args.add(source)
    args.add("--")
    _add_compile_flags(args, ctx.fragments.cpp, unit.copts, unit.compilation_context, unit.is_c)

    in_program = "" if owner == unit.owner else " in {}".format(owner)
    ctx.actions.run(
        executable = ctx.executable._runner,
        arguments = [args],
        inputs = depset(
            [source, tidy, unit.header_list, source_list] + config_files,
            transitive = [unit.compilation_context.headers, facts, sources],
        ),
        outputs = [report, unused],
        unused_inputs_list = unused,
        mnemonic = "AsyncCtxTidy",
        progress_message = "asyncctx-tidy {}{}".format(source.short_path, in_program),
    )
    return report

def _asyncctx_aspect_impl(target, ctx):
    deps = [
        dep[AsyncCtxInfo]
        for dep in getattr(ctx.rule.attr, "deps", [])
        if AsyncCtxInfo in dep
    ]
    own_units = []
    own_facts = []
    if (ctx.rule.kind in _RULES and CcInfo in target and
        ctx.label.workspace_root == ""):
        compilation_context = target[CcInfo].compilation_context
        sources = [
            (source, _SOURCE_EXTENSIONS[source.extension])
            for source in getattr(ctx.rule.files, "srcs", [])
            if source.extension in _SOURCE_EXTENSIONS
        ]
        if sources:
            header_list = _header_list(ctx, target, compilation_context)
            copts = getattr(ctx.rule.attr, "copts", [])
            own_units = [
                struct(
                    owner = ctx.label,
                    source = source,
                    is_c = is_c,
                    copts = copts,
                    compilation_context = compilation_context,
                    header_list = header_list,
                )
                for source, is_c in sources
            ]
            own_facts = [_facts(ctx, target, own_units)]

    # The facts of the target and of everything it depends on.
    facts = depset(own_facts, transitive = [dep.facts for dep in deps])

    # The sources of the target and of everything it depends on: at a
    # binary, its program.
    units = depset(own_units, transitive = [dep.units for dep in deps])
    sources = depset(
        [unit.source for unit in own_units],
        transitive = [dep.sources for dep in deps],
    )
    program = ctx.rule.kind in _PROGRAMS and ctx.label.workspace_root == ""
    source_list = _source_list(ctx, target, sources) if own_units or program else None

    if program:
        # A binary or a test is a whole program: every source of it is
        # linted here with the facts of all of it, and its reports are
        # those (not its libraries' own, made with less).
        reports = depset([_lint(ctx, ctx.label, unit, facts, sources, source_list) for unit in units.to_list()])
    else:
        # A library: its sources with the facts of its own closure.
        reports = depset(
            [_lint(ctx, ctx.label, unit, facts, sources, source_list) for unit in own_units],
            transitive = [dep.reports for dep in deps],
        )
    return [
        AsyncCtxInfo(reports = reports, facts = facts, units = units, sources = sources),
        OutputGroupInfo(asyncctx_report = reports),
    ]

asyncctx_aspect = aspect(
    implementation = _asyncctx_aspect_impl,
    attr_aspects = ["deps"],
    fragments = ["cpp"],
    attrs = {
        "_tidy": attr.label(
            default = Label("//:tidy"),
            allow_single_file = True,
            cfg = "exec",
        ),
        "_config": attr.label(
            default = Label("//:config"),
            allow_files = True,
        ),
        "_fail_on_findings": attr.label(
            default = Label("//:fail_on_findings"),
        ),
        "_runner": attr.label(
            default = Label("//:asyncctx_lint.py"),
            allow_single_file = True,
            executable = True,
            cfg = "exec",
        ),
    },
)
