"""The mailbox flow: ingest an exported mailbox folder, record every input's fate, export.

Modules:

* ``ingest``: walk the inbox; open .mbox/.eml/.msg/.zip into inputs with stable
  locators and decoded (display-only) names; sniff formats.
* ``guard``: zip-directory checks and the resource-capped child (``SandboxWorker``) in
  which every document is parsed.
* ``extract``: what the child runs: the pipeline, province hints, "is it a report?".
* ``batch``: the plain-Python core (plan → process → record containers), crash-safe.
* ``nightly``: the same core as a Prefect flow (task per document), its summary
  artifacts and the 02:00 Asia/Ho_Chi_Minh deployment.
* ``commands``: ``baocao run | status | export | serve``; ``bench``: the batch figure.

Configuration: every ``BAOCAO_*`` variable is a field of :mod:`baocao.settings` (listed in
the README).
"""
