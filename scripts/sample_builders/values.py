"""Values per province (seeded RNG), number formatting as reports write it, an appendix as data."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sample_builders.template import LINES, PLATFORMS_DOMESTIC, PLATFORMS_FOREIGN, TEMPLATE_CODES

# ---------------------------------------------------------------------------
# Values: generated per province from a seeded RNG, kept mutually consistent
# ---------------------------------------------------------------------------


@dataclass
class Reading:
    """What a report states for one line: a count and/or a rate in percent (None = not given)."""

    value: int | None
    rate: float | None
    names: list[str] = field(default_factory=list)


def _rate(rng: random.Random, lo: float, hi: float, full_chance: float = 0.0) -> float:
    if rng.random() < full_chance:
        return 100.0
    return round(rng.uniform(lo, hi), 1)


def _share(rng: random.Random, total: int, lo: float, hi: float, full_chance: float = 0.0) -> Reading:
    rate = _rate(rng, lo, hi, full_chance)
    return Reading(round(total * rate / 100), rate)


def generate_values(rng: random.Random, has_university: bool = True) -> dict[str, Reading]:
    """Plausible Appendix 2 figures for one province: counts never exceed their population."""
    teachers = rng.randint(14_000, 62_000)
    pupils = rng.randint(180_000, 1_100_000)
    institutions = rng.randint(450, 1_800)
    values: dict[str, Reading] = {
        "1a": _share(rng, teachers, 86, 99.9, 0.2),
        "1c": _share(rng, teachers, 93, 99.9, 0.5),
        "2a": _share(rng, pupils, 22, 88),
        "2c": _share(rng, pupils, 62, 99.5, 0.2),
    }
    if has_university:
        lecturers = rng.randint(300, 3_200)
        students = rng.randint(3_000, 65_000)
        universities = rng.randint(1, 5)
        online_unis = rng.randint(0, universities)
        values |= {
            "1b": _share(rng, lecturers, 95, 100, 0.6),
            "1d": _share(rng, lecturers, 97, 100, 0.7),
            "2b": _share(rng, students, 60, 98),
            "2d": _share(rng, students, 85, 100, 0.4),
            "4a": Reading(online_unis, round(100 * online_unis / universities, 1)),
            "6a": Reading(rng.randint(80, 2_500), _rate(rng, 8, 60)),
            "7a": Reading(rng.randint(0, 180), _rate(rng, 0.5, 30)),
        }
    else:
        values |= {code: Reading(None, None) for code in ("1b", "1d", "2b", "2d", "4a", "6a", "7a")}
    platforms = rng.randint(3, 8)
    domestic = rng.randint(1, min(platforms, len(PLATFORMS_DOMESTIC)))
    names = rng.sample(PLATFORMS_DOMESTIC, domestic) + rng.sample(PLATFORMS_FOREIGN, platforms - domestic)
    rng.shuffle(names)
    values["3a"] = Reading(platforms, None, names)
    values["3b"] = Reading(domestic, None)
    values["3c"] = _share(rng, pupils, 55, 99.5, 0.2)
    values["5a"] = Reading(None, _rate(rng, 1, 12))
    values["5b"] = Reading(None, _rate(rng, 2, 18))
    values["8a"] = _share(rng, institutions, 90, 100, 0.5)
    values["8b"] = _share(rng, pupils, 96, 100, 0.4)
    values["8c"] = _share(rng, teachers, 96, 100, 0.4)
    values["8d"] = _share(rng, institutions, 70, 100, 0.3)
    values["8e"] = Reading(rng.randint(250, 6_000), _rate(rng, 85, 100, 0.5))
    values["9a"] = _share(rng, rng.randint(95, 170), 90, 100, 0.5)
    values["9b"] = Reading(rng.randint(2_500, 65_000), _rate(rng, 88, 99.9))
    values["9c"] = Reading(None, _rate(rng, 80, 98))
    values["9d"] = Reading(None, _rate(rng, 80, 98))
    if rng.random() < 0.5:  # some provinces estimate the count too
        values["9c"] = _share(rng, pupils, 80, 98)
    return values


# ---------------------------------------------------------------------------
# Number formatting as reports write it
# ---------------------------------------------------------------------------


def fmt_count(value: int, style: str) -> str:
    """vi: 1.002.912 | en: 1,002,912 | plain: 1002912."""
    if style == "vi":
        return f"{value:,}".replace(",", ".")
    if style == "en":
        return f"{value:,}"
    return str(value)


def fmt_rate(rate: float, style: str, sign: str = "%") -> str:
    """vi: 97,1% | en: 97.1% | vi_sp: 97,1 % | en_sp: 97.1 %; ``sign=""`` for a Tỉ lệ column."""
    text = format(rate, "g")
    if style.startswith("vi"):
        text = text.replace(".", ",")
    if not sign:
        return text
    return f"{text} {sign}" if style.endswith("_sp") else f"{text}{sign}"


# ---------------------------------------------------------------------------
# An appendix as data: what every layout renders
# ---------------------------------------------------------------------------


@dataclass
class AppendixLine:
    code: str | None  # None: a line the report adds beyond the template
    label: str
    reading: Reading
    value_text: str  # "" when not given
    rate_text: str  # with its % sign as written; "" when not given
    sentence: str  # the whole sub-line as a 3-column/prose report writes it


@dataclass
class Variant:
    """A fictitious but plausible report of one province in one layout."""

    stem: str
    province: str  # canonical (current) name, what the gold expects
    unit: str  # "tỉnh Nghệ An" / "thành phố Cần Thơ" as the document says it
    layout: str  # three_col | five_col | merged_rows | prose | xlsx
    seed: str
    count_style: str = "vi"
    rate_style: str = "vi"
    wording: int = 0  # preferred wording index into TemplateLine.wordings
    has_university: bool = True
    extra_line: tuple[int, str, int, float | None] | None = None  # (item, label, value, rate)
    body_paragraphs: int = 6
    bullet: str = "- "  # how sub-lines are marked: "- ", "+ ", "• "
    ti_le: str = "tỉ lệ"  # "tỷ lệ" is as common in real reports
    former_province: str | None = None
    appendix_on_new_page: bool = True
    number: str = "215/BC-SGDĐT"
    date: tuple[int, int, int] = (12, 11, 2025)
    signer: str = "Nguyễn Văn An"
    values: dict[str, Reading] = field(default_factory=dict)
    lines: dict[int, list[AppendixLine]] = field(default_factory=dict)


def _sentence(label: str, value_text: str, rate_text: str, measures: str, rng: random.Random) -> str:
    if measures == "rate":
        return f"- {label} chiếm {rate_text or '.....%'}"
    if measures == "count":
        return f"- {label}: {value_text or '......'}"
    if not value_text and not rate_text:
        return f"- {label}: ......, đạt tỉ lệ: ...%"
    if not value_text:
        return f"- {label} đạt tỉ lệ: {rate_text}"
    pattern = rng.choice(["{l}: {v}, đạt tỉ lệ: {r}", "{l}: {v} đạt tỉ lệ {r}", "{l}: {v}, đạt {r}", "{l} {v} ({r})"])
    return "- " + pattern.format(l=label, v=value_text, r=rate_text)


def _house_style(sentence: str, variant: Variant) -> str:
    """The variant's own bullet and spelling of "tỉ lệ"."""
    if sentence.startswith("- "):
        sentence = variant.bullet + sentence[2:]
    return sentence.replace("tỉ lệ", variant.ti_le)


def build_lines(variant: Variant, rng: random.Random) -> dict[int, list[AppendixLine]]:
    """Choose a wording and number format per line, render the sentence, keep the reading."""
    items: dict[int, list[AppendixLine]] = {}
    for line in LINES:
        reading = variant.values[line.code]
        wording = variant.wording if rng.random() < 0.7 else rng.randrange(3)
        label = line.wordings[wording]
        count_style = variant.count_style if rng.random() < 0.8 else rng.choice(["vi", "plain"])
        value_text = fmt_count(reading.value, count_style) if reading.value is not None else ""
        rate_text = fmt_rate(reading.rate, variant.rate_style) if reading.rate is not None else ""
        if line.code == "3a" and reading.names:
            value_text = f"{value_text} ({', '.join(reading.names)})"
        sentence = _house_style(_sentence(label, value_text, rate_text, line.measures, rng), variant)
        items.setdefault(line.item, []).append(AppendixLine(line.code, label, reading, value_text, rate_text, sentence))
    if variant.extra_line:
        item, label, value, rate = variant.extra_line
        reading = Reading(value, rate)
        value_text = fmt_count(value, variant.count_style)
        rate_text = fmt_rate(rate, variant.rate_style) if rate is not None else ""
        sentence = _sentence(label, value_text, rate_text, "count+rate" if rate is not None else "count", rng)
        sentence = _house_style(sentence, variant)
        items[item].append(AppendixLine(None, label, reading, value_text, rate_text, sentence))
    return items


def make_variant(variant: Variant) -> Variant:
    """Fill ``values`` and ``lines`` from the variant's seed (deterministic)."""
    rng = random.Random(variant.seed)
    variant.values = generate_values(rng, variant.has_university)
    variant.lines = build_lines(variant, rng)
    return variant


def gold_of(variant: Variant) -> dict:
    """The gold file of a generated variant, from the values the generator used."""
    indicators = {}
    for code in TEMPLATE_CODES:
        reading = variant.values[code]
        indicators[code] = {"value": reading.value, "rate": reading.rate}
    extra = [ln.label for lines in variant.lines.values() for ln in lines if ln.code is None]
    gold = {"province": variant.province, "indicators": indicators, "extra_lines": extra}
    if variant.former_province:
        gold["former_province"] = variant.former_province
    gold["layout"] = variant.layout
    return gold


