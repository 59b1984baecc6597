"""Hostile-input guards: zip directory checks and the resource-capped child."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from flows.guard import MB, Limits, Rejected, SandboxWorker, check_zip_directory


def _zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


SMALL = Limits(zip_entries=10, zip_member_bytes=4 * MB, zip_total_bytes=6 * MB, zip_ratio=150)


@pytest.mark.parametrize(
    ("members", "needle"),
    [
        ([(f"f{i}.xml", b"x") for i in range(11)], "quá nhiều mục"),
        ([("big.bin", bytes(5 * MB))], "khai báo"),
        ([("a.bin", b"\x00" * 3 * MB), ("b.bin", b"\x00" * 3 * MB + b"1")], "tỉ lệ nén"),
    ],
)
def test_zip_directory_rejections(tmp_path: Path, members: list[tuple[str, bytes]], needle: str) -> None:
    path = _zip(tmp_path / "x.docx", members)
    with pytest.raises(Rejected) as info:
        check_zip_directory(path, SMALL)
    assert needle in info.value.reason


def test_total_declared_size_is_bounded(tmp_path: Path) -> None:
    import os

    members = [(f"p{i}.bin", os.urandom(2 * MB)) for i in range(4)]  # incompressible, 8 MB total
    path = _zip(tmp_path / "x.xlsx", members)
    with pytest.raises(Rejected) as info:
        check_zip_directory(path, SMALL)
    assert "tổng dung lượng" in info.value.reason


def test_default_limits_reject_a_zip_bomb(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.docx", [("word/document.xml", b"\x00" * 20 * MB)])
    with pytest.raises(Rejected) as info:
        check_zip_directory(path, Limits())
    assert "bom giải nén" in info.value.reason


def test_ordinary_docx_passes(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "reports" / "haiphong_report.docx"
    check_zip_directory(sample, Limits())  # no exception


def test_not_a_zip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(Rejected):
        check_zip_directory(path, Limits())


def test_memory_cap_stops_an_allocation_and_the_worker_recovers(tmp_path: Path) -> None:
    limits = Limits(memory_bytes=512 * MB, cpu_seconds=20, wall_seconds=30)
    with SandboxWorker(limits, target="tests.flows.hostile:allocate") as worker:
        result = worker.extract(tmp_path / "a.pdf")
        assert result["ok"] is False and result["limit"] is True
        assert "bộ nhớ" in result["reason"]


def test_a_child_that_ran_out_of_memory_in_native_code_is_replaced(tmp_path: Path) -> None:
    """OpenCV failing to allocate leaves the child in doubt: the next document gets a fresh one."""
    limits = Limits(cpu_seconds=20, wall_seconds=10)
    with SandboxWorker(limits, target="tests.flows.hostile:native_oom_then_hang") as worker:
        first = worker.extract(tmp_path / "fine")
        failed = worker.extract(tmp_path / "picture-oom")
        after = worker.extract(tmp_path / "next")
    assert failed["ok"] is False and "Insufficient memory" in failed["reason"] and "restart" not in failed
    assert after["ok"] is True, after  # not "quá thời gian xử lý" after 10 s in the stuck child
    assert after["pid"] != first["pid"]


@pytest.mark.slow  # waits for a 1 s cap
def test_cpu_cap_kills_a_spinning_parse(tmp_path: Path) -> None:
    limits = Limits(cpu_seconds=1, wall_seconds=30)
    with SandboxWorker(limits, target="tests.flows.hostile:spin") as worker:
        result = worker.extract(tmp_path / "a.pdf")
    assert result["ok"] is False and result["limit"] is True
    assert "CPU" in result["reason"]


@pytest.mark.slow  # waits for a 1 s cap
def test_wall_clock_timeout_then_next_document_still_works(tmp_path: Path) -> None:
    limits = Limits(cpu_seconds=20, wall_seconds=1)
    with SandboxWorker(limits, target="tests.flows.hostile:sleep_or_echo") as worker:
        slow = worker.extract(tmp_path / "slow")
        assert slow["ok"] is False and "quá thời gian" in slow["reason"]
        fine = worker.extract(tmp_path / "fast", sender="a@b.vn", filename="x.docx")
    assert fine == {"ok": True, "path": str(tmp_path / "fast"), "sender": "a@b.vn", "filename": "x.docx"}


def test_real_pipeline_runs_in_the_child() -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "reports" / "haiphong_report.docx"
    with SandboxWorker(Limits()) as worker:
        result = worker.extract(sample, sender="vanthu.sogddt@haiphong.gov.vn", filename=sample.name)
    assert result["ok"] is True and result["is_report"] is True
    assert result["province"] == "Hải Phòng"
    assert len(result["extraction"]["indicators"]) >= 20


def test_collector_waits_until_the_result_is_sent(tmp_path: Path) -> None:
    """No automatic collection while a document is worked on; its cycles are freed after."""
    with SandboxWorker(Limits(), target="tests.flows.hostile:cycles") as worker:
        first = worker.extract(tmp_path / "20000")
        second = worker.extract(tmp_path / "1")
    assert first == {"ok": True, "collector_on": False, "previous_cycle_alive": False}
    assert second == {"ok": True, "collector_on": False, "previous_cycle_alive": False}


def test_the_child_imports_its_idle_modules_before_the_first_request(tmp_path: Path) -> None:
    with SandboxWorker(Limits(), target="tests.flows.hostile:loaded", idle_imports=("wave", "colorsys")) as worker:
        worker.start()
        time.sleep(1.0)  # the child imports while it waits
        result = worker.extract(tmp_path / "wave,colorsys,tabnanny")
    assert result == {"ok": True, "loaded": ["wave", "colorsys"]}
