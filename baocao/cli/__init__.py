"""The `baocao` command.  Messages to people are Vietnamese; JSON is for machines.

Subcommands owned by other packages register themselves through ``add_parsers``
functions (flows.commands, review.commands) so each area keeps its own CLI code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flows.guard import SandboxWorker

EXTRACT_TARGET = "flows.extract:extract_reports"


def cmd_extract(args: argparse.Namespace) -> int:
    worker = _early_worker.pop() if _early_worker else _start_extract_child(args.path)
    from flows.extract_command import run_extract

    return run_extract(Path(args.path), worker=worker)


def _start_extract_child(path: str) -> SandboxWorker:
    """The sandbox child of ``baocao extract``, forked before the command imports the rest.

    It gets ready (imports a reader) while this process imports the command line and the
    extract command; everything imported before the fork is on the document's critical path.
    Called from a process running threads (a caller of main()), a fork could copy a lock
    some thread holds: the lean forkserver's fresh interpreter then.
    """
    import threading

    from flows.extract import idle_imports_for
    from flows.guard import Limits, SandboxWorker
    from flows.sandbox_start import FORK_NOW, LEAN_PRELOAD

    start = FORK_NOW if threading.active_count() == 1 else LEAN_PRELOAD
    worker = SandboxWorker(Limits.from_env(), target=EXTRACT_TARGET, preload=start,
                           idle_imports=idle_imports_for(path))  # fmt: skip
    return worker.start()


_early_worker: list[SandboxWorker] = []  # the child started by main() for `baocao extract PATH`


def _wants_extract(argv: list[str]) -> bool:
    """``extract PATH`` and nothing the parser would answer without a document (help, errors)."""
    return len(argv) == 2 and argv[0] == "extract" and not argv[1].startswith("-")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baocao",
        description="Trích xuất số liệu Phụ lục 2 và văn bản trích dẫn từ báo cáo của các Sở GDĐT.",
    )
    from flows import commands as flows_commands
    from outputs import commands as outputs_commands
    from review import commands as review_commands

    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    extract = sub.add_parser("extract", help="trích xuất một tệp hoặc thư mục, in JSON Lines")
    extract.add_argument(
        "path", help="tệp .docx/.pdf/.xlsx/.txt/.md/.doc/.xls/.rtf/.odt/.ods, thư .eml/.msg/.mbox, .zip hoặc thư mục"
    )
    extract.set_defaults(func=cmd_extract)
    flows_commands.add_parsers(sub)
    review_commands.add_parsers(sub)
    outputs_commands.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if _wants_extract(argv):
        _early_worker[:] = [_start_extract_child(argv[1])]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("baocao: đã dừng theo yêu cầu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `baocao status --json | head`: the reader left; not an error worth a traceback.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
