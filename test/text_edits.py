"""Text edits given by line and column, as LSP and SARIF give them.

Shared by test/editor/lsp_client.py (LSP quick fixes) and
test/tool/sarif_check.py (SARIF fixes), so both apply edits the same way.
"""


def apply_edits(text, edits):
    """Returns `text` with `edits` applied. Each edit is (start_line,
    start_column, end_line, end_column, new_text), 0-based, columns counted
    in characters of `text`. Edits are applied from the end so that earlier
    positions stay valid; an edit given twice is applied once."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line, column):
        return starts[min(line, len(starts) - 1)] + column

    spans = {(offset(sl, sc), offset(el, ec), new) for sl, sc, el, ec, new in edits}
    for begin, end, new in sorted(spans, reverse=True):
        text = text[:begin] + new + text[end:]
    return text
