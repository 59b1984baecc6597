"""One builder per sample family; ``scripts/build_samples.py`` is the entry (same CLI)."""
