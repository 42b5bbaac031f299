"""What makes the edition publishable as it is: its description, Open Graph tags and JSON-LD.

A publisher's page for a report carries a description for search results, Open Graph tags for
link previews and schema.org data: the report itself (a ``Report`` that is also a ``Dataset``,
with its coverage in space and time) and its questions and answers (``FAQPage``). All of it comes
from the model, so it never drifts from the PDF.

JSON-LD sits in a ``<script>`` element, where HTML escaping does not apply: the browser ends the
element at the first ``</script`` whatever the JSON says. Every ``<``, ``>`` and ``&`` (and the
two line separators JavaScript once refused) is written as a JSON ``\\u`` escape instead, which
JSON readers decode to the same text and the HTML parser never sees as markup.
"""

from __future__ import annotations

import json

from babel.core import get_global
from markupsafe import Markup

from reportgen.model.elements import Faq, Report, SectionKind
from reportgen.model.prose import flow_text

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def description(report: Report) -> str:
    """One or two sentences for search results and link previews: the subject, then the first
    section's message (the market's headline figures)."""
    headline = report.sections[0].headline if report.sections else ""
    return f"{report.meta.subject}. {headline}" if headline else report.meta.subject


def og_locale(code: str) -> str:
    """Open Graph's ``language_TERRITORY`` for an edition language: 'en' -> 'en_US', 'pt-BR' -> 'pt_BR'."""
    language, _, territory = code.replace("-", "_").partition("_")
    if territory:
        return f"{language}_{territory}"
    likely = get_global("likely_subtags").get(language, language)  # CLDR: 'es' -> 'es_Latn_ES'
    parts = likely.split("_")
    return f"{language}_{parts[-1]}" if len(parts) > 1 else language


def json_ld(report: Report) -> Markup:
    """The schema.org graph of the edition, safe to place inside a ``<script>`` element."""
    meta = report.meta
    first, _, last = meta.period.partition("-")
    graph: list[dict] = [{
        "@type": ["Report", "Dataset"],
        "@id": f"#{meta.id}",
        "name": meta.title,
        "alternativeHeadline": meta.subtitle or None,
        "description": description(report),
        "datePublished": meta.edition.isoformat(),
        "inLanguage": meta.language,
        "publisher": {"@type": "Organization", "name": meta.publisher},
        "author": [{"@type": "Person", "name": name} for name in meta.authors] or None,
        "keywords": list(meta.keywords) or None,
        "spatialCoverage": {"@type": "Place", "name": meta.region},
        "temporalCoverage": f"{first}/{last}" if last else meta.period,
        "citation": list(meta.sources) or None,
    }]
    questions = [qa for top in report.sections for s in top.walk() if s.kind == SectionKind.FAQ
                 for block in s.find(Faq) for qa in block.items]
    if questions:
        graph.append({
            "@type": "FAQPage",
            "inLanguage": meta.language,
            "about": {"@id": f"#{meta.id}"},
            "mainEntity": [{"@type": "Question", "name": qa.question,
                            "acceptedAnswer": {"@type": "Answer", "text": flow_text(qa.answer)}} for qa in questions],
        })
    data = {"@context": "https://schema.org", "@graph": [{k: v for k, v in node.items() if v is not None} for node in graph]}
    return Markup(script_json(data))


def script_json(data: object) -> str:
    """JSON that no string in it can end or comment out the ``<script>`` element holding it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(c, c) for c in text)
