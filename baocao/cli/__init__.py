"""The `baocao` command.  Messages to people are Vietnamese; JSON is for machines.

Subcommands owned by other packages register themselves through ``add_parsers``
functions (flows.commands, review.commands) so each area keeps its own CLI code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows import commands as flows_commands
from outputs import commands as outputs_commands
from review import commands as review_commands


def cmd_extract(args: argparse.Namespace) -> int:
    import threading

    from flows.guard import Limits, SandboxWorker
    from flows.sandbox_start import FORK_NOW, LEAN_PRELOAD

    # The sandbox child is forked first thing, so it gets ready while this process imports
    # the rest (this process holds no threads yet: see flows.sandbox_start.FORK_NOW).  Called
    # from a process running threads (a caller of main()), a fork could copy a lock some
    # thread holds: the lean forkserver's fresh interpreter then.
    start = FORK_NOW if threading.active_count() == 1 else LEAN_PRELOAD
    worker = SandboxWorker(Limits.from_env(), target="flows.extract:extract_reports", preload=start)
    worker.start()
    from flows.extract_command import run_extract

    return run_extract(Path(args.path), worker=worker)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baocao",
        description="Trích xuất số liệu Phụ lục 2 và văn bản trích dẫn từ báo cáo của các Sở GDĐT.",
    )
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
