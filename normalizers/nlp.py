"""One spaCy pipeline for Vietnamese gazetteer matching (provinces, document types, issuers).

spaCy's Vietnamese tokenizer without pyvi splits on whitespace only, which glues
punctuation to words ("(UBND)", "Phòng,"); pyvi would also join syllables across line
breaks and is not a dependency.  So the pipeline tokenizes into syllables and single
punctuation marks, which is what PhraseMatcher/EntityRuler patterns written as plain
phrases need.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:  # spaCy costs ~0.6 s to import: only a pipeline that matches loads it
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

SYLLABLE_RE = regex.compile(r"\w+|[^\w\s]")


class SyllableTokenizer:
    """Syllables and single punctuation marks ("(UBND)" -> "(" "UBND" ")")."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        for m in SYLLABLE_RE.finditer(text):
            words.append(m.group())
            spaces.append(m.end() < len(text) and text[m.end()].isspace())
        return Doc(self.vocab, words=words, spaces=spaces)


@cache
def vietnamese_nlp() -> Language:
    """A blank Vietnamese pipeline with the syllable tokenizer (shared, built once)."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    return nlp
