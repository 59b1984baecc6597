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

Configuration by environment: ``BAOCAO_STORE`` (store folder, default ./baocao-data),
``BAOCAO_DB_URL`` (e.g. PostgreSQL instead of <store>/baocao.db), ``BAOCAO_ENGINE=plain``
(skip Prefect, like ``--no-prefect``), ``BAOCAO_TASK_RUNNER=dask`` (+
``BAOCAO_DASK_ADDRESS``; needs prefect-dask), ``BAOCAO_WORKERS``, ``BAOCAO_MEM_MB``,
``BAOCAO_CPU_S``, ``BAOCAO_TIMEOUT_S`` (sandbox caps: 1024 MB, 60 s CPU, 120 s wall),
``BAOCAO_INBOX`` (default folder for ``baocao serve``).
"""
