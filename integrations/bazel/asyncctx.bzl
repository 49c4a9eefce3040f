"""asyncctx-tidy as a Bazel aspect.

`asyncctx_aspect` lints every C and C++ source of the cc_library, cc_binary
and cc_test targets it reaches (the command line's targets and their deps,
in the main repository): one action per source file, running asyncctx-tidy
with the target's compilation context and the .clang-tidy files that apply.
The reports are the output group `asyncctx_report`.

Each action declares everything it reads (the source, the headers of its
compilation context, the .clang-tidy files, asyncctx-tidy and the runner),
so it runs in a sandbox, is cached, and can run remotely. After a run it
lists the headers the source did not include as unused inputs: changing a
header re-lints only the sources that include it.

    bazel build //... --aspects=@asyncctx_tidy//:asyncctx.bzl%asyncctx_aspect \\
        --output_groups=asyncctx_report --@asyncctx_tidy//:config=//:clang_tidy_config

docs/bazel.md has the settings and the flags for caches and remote execution.
"""

AsyncCtxFlagInfo = provider(
    doc = "The value of an asyncctx_bool_flag.",
    fields = ["value"],
)

AsyncCtxReportsInfo = provider(
    doc = "The reports of a target and of the targets it depends on.",
    fields = ["reports"],
)

def _bool_flag_impl(ctx):
    return [AsyncCtxFlagInfo(value = ctx.build_setting_value)]

asyncctx_bool_flag = rule(
    implementation = _bool_flag_impl,
    build_setting = config.bool(flag = True),
    doc = "A boolean setting given as --@asyncctx_tidy//:<name>[=true|false].",
)

_RULES = ["cc_library", "cc_binary", "cc_test"]

# Extensions of the sources linted, and whether they are C.
_SOURCE_EXTENSIONS = {
    "c": True,
    "cc": False,
    "cpp": False,
    "cxx": False,
    "c++": False,
    "C": False,
}

def _add_compile_flags(args, ctx, compilation_context, is_c):
    """Adds the compiler's flags for one source: the options of the command
    line (--copt, --cxxopt or --conlyopt), the target's copts and its
    compilation context (its depsets are flattened only when the action
    runs). The toolchain's own flags are left out: they are the configured
    compiler's, which need not be clang."""
    cpp = ctx.fragments.cpp
    args.add_all(cpp.copts)
    args.add_all(cpp.conlyopts if is_c else cpp.cxxopts)
    args.add_all(getattr(ctx.rule.attr, "copts", []))
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

def _lint(ctx, target, source, is_c, config_files, header_list):
    config_files = [f for f in config_files if _applies_to(f, source)]
    compilation_context = target[CcInfo].compilation_context
    report = ctx.actions.declare_file("_asyncctx/{}/{}.txt".format(target.label.name, source.short_path))
    unused = ctx.actions.declare_file("_asyncctx/{}/{}.unused".format(target.label.name, source.short_path))

    tidy = ctx.file._tidy
    args = ctx.actions.args()
    args.add("--tidy", tidy)
    args.add("--report", report)
    args.add("--unused", unused)
    args.add("--headers", header_list)

    # Named on the command line so that a new .clang-tidy changes the action:
    # Bazel checks an action with unused inputs against the inputs it used.
    args.add_all(config_files, before_each = "--config")
    if ctx.attr._fail_on_findings[AsyncCtxFlagInfo].value:
        args.add("--fail-on-findings")
    args.add(source)
    args.add("--")
    _add_compile_flags(args, ctx, compilation_context, is_c)

    ctx.actions.run(
        executable = ctx.executable._runner,
        arguments = [args],
        inputs = depset(
            [source, tidy, header_list] + config_files,
            transitive = [compilation_context.headers],
        ),
        outputs = [report, unused],
        unused_inputs_list = unused,
        mnemonic = "AsyncCtxTidy",
        progress_message = "asyncctx-tidy {}".format(source.short_path),
    )
    return report

def _asyncctx_aspect_impl(target, ctx):
    reports = []
    if (ctx.rule.kind in _RULES and CcInfo in target and
        ctx.label.workspace_root == ""):
        sources = [
            (source, _SOURCE_EXTENSIONS[source.extension])
            for source in getattr(ctx.rule.files, "srcs", [])
            if source.extension in _SOURCE_EXTENSIONS
        ]
        if sources:
            header_list = _header_list(ctx, target, target[CcInfo].compilation_context)
            for source, is_c in sources:
                reports.append(_lint(ctx, target, source, is_c, ctx.files._config, header_list))
    transitive = [
        dep[AsyncCtxReportsInfo].reports
        for dep in getattr(ctx.rule.attr, "deps", [])
        if AsyncCtxReportsInfo in dep
    ]
    all_reports = depset(reports, transitive = transitive)
    return [
        AsyncCtxReportsInfo(reports = all_reports),
        OutputGroupInfo(asyncctx_report = all_reports),
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
