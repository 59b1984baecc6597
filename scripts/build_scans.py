"""Build the scanned-report samples: rendered reports printed and scanned back, image only.

    python scripts/build_scans.py            # samples/reports/*_scan.pdf + samples/gold/*_scan.json

Each scan starts from a report PDF that ``scripts/build_samples.py`` rendered with
LibreOffice (different provinces, values and appendix layouts), rasterises every page with
pypdfium2, and does to it what a desk scanner does: a small tilt (±2-3°), uneven light
(one side darker, as where the page lifts off the glass), sensor noise and a few specks,
JPEG compression; the pages go back into a PDF that has no text layer at all.  The gold is
the source report's gold with ``"kind": "scan"``: the same figures must come out by OCR.

Seeded, so a rebuild gives the same files; sizes are kept small (a 200 dpi black-and-white
copier scan, a 150 dpi grey JPEG scan with the paper tone dropped).
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"


@dataclass(frozen=True)
class Scan:
    source: str  # stem of a rendered report in samples/reports (PDF) with a gold file
    name: str
    angle: float  # degrees, counter-clockwise
    shade: float  # darkest side's brightness (1.0 = even light)
    seed: int
    dpi: int = 150
    quality: int = 30
    bilevel: bool = False  # a black-and-white office scan (1 bit, as many copiers send)


SCANS = (
    Scan("cantho_merged", "cantho_scan", angle=2.2, shade=0.8, seed=131, dpi=200, bilevel=True),
    Scan("lamdong_prose", "lamdong_scan", angle=-2.6, shade=0.85, seed=6541, dpi=200, bilevel=True),
)


def scanned(page_image: Image.Image, scan: Scan, page_index: int) -> Image.Image:
    """Tilt, shade, noise and specks, as a flatbed scanner gives them back."""
    rng = np.random.default_rng(scan.seed + page_index)
    angle = scan.angle + float(rng.uniform(-0.3, 0.3))
    gray = page_image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=False,
                                         fillcolor=255)
    pixels = np.asarray(gray, dtype=np.float32)
    height, width = pixels.shape
    across = np.linspace(scan.shade, 1.0, width, dtype=np.float32)[None, :]
    down = np.linspace(1.0, 0.93, height, dtype=np.float32)[:, None]
    pixels = pixels * across * down
    pixels += rng.normal(0, 3, pixels.shape).astype(np.float32)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = rng.uniform(0, 90, int(specks.sum()))
    if scan.bilevel:  # the copier's fixed threshold: the shaded side comes out bolder
        return Image.fromarray(((pixels > 150) * 255).astype(np.uint8), mode="L").convert("1")
    pixels[pixels > 215] = 255  # the scanner's background clean-up (paper tone dropped)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def build(scan: Scan) -> Path:
    pdf = pypdfium2.PdfDocument(str(REPORTS / f"{scan.source}.pdf"))
    pages = []
    for index in range(len(pdf)):
        image = pdf[index].render(scale=scan.dpi / 72, grayscale=True).to_pil()
        pages.append(scanned(image, scan, index))
    pdf.close()
    out = REPORTS / f"{scan.name}.pdf"
    buffer = io.BytesIO()
    options = {} if scan.bilevel else {"quality": scan.quality}
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:],
                  resolution=float(scan.dpi), **options)
    out.write_bytes(buffer.getvalue())
    write_derived_gold(scan.source, scan.name, {"kind": "scan", "scanned_from": f"{scan.source}.pdf"})
    return out


def write_derived_gold(source: str, name: str, head: dict) -> None:
    """A derived sample's gold: its source report's gold, with ``head`` (kind, origin) first."""
    gold = json.loads((GOLD / f"{source}.json").read_text(encoding="utf-8"))
    (GOLD / f"{name}.json").write_text(json.dumps({**head, **gold}, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")


def build_all(builders) -> int:
    """Build each sample, printing its size (committed binaries must stay small)."""
    for build_one, item in builders:
        out = build_one(item)
        print(f"{out.relative_to(REPO)}: {out.stat().st_size // 1024} KB")
    return 0


def main() -> int:
    return build_all((build, scan) for scan in SCANS)


if __name__ == "__main__":
    sys.exit(main())
