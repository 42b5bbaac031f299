"""reportgen: market-research data in, client deliverables (PDF, PPTX, XLSX) out.

The package reads as its pipeline: ``data`` (load, validate, compute) -> ``model``
(format-neutral report) -> ``writers`` (bytes per format) -> ``build`` (orchestration).
"""

__version__ = "0.1.0"
