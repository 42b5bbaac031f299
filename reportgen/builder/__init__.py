"""The builder: from report references to up-to-date outputs, in parallel and incrementally.

``run`` is a whole build, as ``reportgen.build`` runs it. A build is planned first
(``planning``: which outputs exist, which are stale and why; only changed reports are analysed),
then executed (``execution``: every stale output rendered on an executor, the local process pool
or Dask, and recorded in the output root's manifest). ``checking`` is what ``reportgen.check``
runs, ``clean`` removes what builds wrote, ``step_summary`` tells CI what a build did.

The package's ``__init__`` imports nothing, so that ``import reportgen`` (which reads
``builder.results``) stays cheap; import the modules by name.
"""
