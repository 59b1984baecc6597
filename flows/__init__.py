"""The mailbox flow: ingest an exported mailbox folder, record every input's fate, export.

Modules:

* ``ingest``: walk the inbox; open .mbox/.eml/.msg/.zip into inputs with stable
  locators and decoded (display-only) names; sniff formats.
* ``guard``: zip-directory checks and the resource-capped child (``SandboxWorker``) in
  which every document is parsed.
* ``extract``: what the child runs: the pipeline, province hints, "is it a report?".
* ``batch``: the plain-Python core (plan → process → record containers), crash-safe.
* ``flowcore``: the flow's steps and task function without Prefect (``run_direct``:
  what ``baocao run`` does when no Prefect server is configured).
* ``nightly``: the same steps as a Prefect flow (task per document) and the nightly
  deployment (``baocao serve``; ``prefect.yaml`` for a work pool).
* ``runreport``: the workbook each run leaves in ``<store>/bao-cao-131.xlsx``, the run's
  summary artifact and the terminal summary.
* ``localserver``: a throw-away ``prefect server start`` (tests, benchmark).
* ``commands``: ``baocao run | status | export | serve | server``; ``bench``: the batch figure.

Configuration: every ``BAOCAO_*`` variable is a field of :mod:`baocao.settings` (listed in
the README).  Prefect's own
settings apply: ``PREFECT_API_URL`` (environment or active profile) makes ``baocao run`` a
flow run on that server; ``PREFECT_HOME`` is where ``baocao server`` keeps its database
(./.prefect by default).
"""
