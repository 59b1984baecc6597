"""The `baocao` command.  Messages to people are Vietnamese; JSON is for machines.

Subcommands owned by other packages register themselves through ``add_parsers``
functions (flows.commands, review.commands) so each area keeps its own CLI code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from flows import commands as flows_commands
from outputs import commands as outputs_commands
from readers import SUFFIX_FORMATS, ReaderError
from review import commands as review_commands


def _iter_inputs(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in SUFFIX_FORMATS:
                yield child
    else:
        yield path


def cmd_extract(args: argparse.Namespace) -> int:
    from flows.pipeline import extract_path_parts

    root = Path(args.path)
    if not root.exists():
        print(f"baocao: không tìm thấy '{root}'", file=sys.stderr)
        return 2
    status = 0
    for path in _iter_inputs(root):
        try:
            extractions = extract_path_parts(path)  # one line per report: a merged PDF holds several
        except ReaderError as exc:
            print(f"baocao: {path}: {exc.reason}", file=sys.stderr)
            status = 1
            continue
        for extraction in extractions:
            print(json.dumps(extraction.to_dict(), ensure_ascii=False), flush=True)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baocao",
        description="Trích xuất số liệu Phụ lục 2 và văn bản trích dẫn từ báo cáo của các Sở GDĐT.",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    extract = sub.add_parser("extract", help="trích xuất một tệp hoặc thư mục, in JSON Lines")
    extract.add_argument("path", help="tệp .docx/.pdf/.xlsx/.txt/.md/.doc/.xls/.rtf/.odt/.ods hoặc thư mục")
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
