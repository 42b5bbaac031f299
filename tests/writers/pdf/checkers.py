"""The two PDF/UA-1 checkers the tests run on shipped PDFs, each reduced to a list of problems.

- page-validation (``page``: Rust, passes the veraPDF corpus): its ``ua1`` profile, 104 rules.
- pdfua (pure Python on pikepdf): a smaller set that also warns on table headers tied to nothing.

Both install from PyPI and run offline, without Java.
"""

from __future__ import annotations

from pathlib import Path

import page
import pdfua

# pdfua 0.1.3's empty-heading rule raises on any heading whose /K is an array (it asks a pikepdf
# Array for an attribute, which pikepdf 10 answers with ValueError), so it never runs: the tests
# check headings themselves (test_accessibility.test_headings_have_text).
PDFUA_BROKEN_RULES = {"UA-14-001"}


def page_validation_problems(path: Path) -> list[str]:
    """Every PDF/UA-1 rule page-validation finds broken (empty: compliant)."""
    report = page.validate_pdf(path, profile="ua1")
    problems = [f"{f.rule_id}: {f.message}" for f in report.failures]
    if not report.is_compliant and not problems:
        problems.append("not compliant, no failure listed")
    if report.rules.total < 100:
        problems.append(f"only {report.rules.total} rules ran")
    return problems


def pdfua_problems(path: Path) -> list[str]:
    """Every finding of pdfua, warnings included (an unscoped table header is one), and any rule
    that could not run besides the known broken one."""
    report = pdfua.validate(str(path))
    problems = [f"{f.rule_id} {f.severity.name} page {f.location.page}: {f.message}" for f in report.findings]
    problems += [f"{o.rule_id} did not run: {o.skipped_reason}" for o in report.skipped if o.rule_id not in PDFUA_BROKEN_RULES]
    if len(report.outcomes) - len(report.skipped) < 10:
        problems.append(f"only {len(report.outcomes) - len(report.skipped)} rules ran")
    return problems
