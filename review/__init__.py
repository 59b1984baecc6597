"""Review of flags by people: a small web app and the same decisions from the CLI.

- ``review.app.create_app(engine, store)``: sign-in, queue, one page per flag, overview.
- ``review.decisions``: ``decide`` (one path for web and CLI, version-checked, audited)
  and ``apply_decisions``/``effective_values`` that the export calls.
- ``store.review_tables``: users, current decision per flag fingerprint, append-only audit.
- ``review.commands``: ``baocao review …`` and ``baocao users …``.
"""
