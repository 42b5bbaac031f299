"""What PowerPoint checks before it offers to repair a deck, checked on the package itself.

PowerPoint opens a .pptx only if its package holds together; otherwise it says it "found a
problem with content" and offers a repair (the most common complaint about decks generated on
corporate templates: pandoc#9139, quarto-cli#1630). ``package_problems`` walks the zip with
lxml and lists every break it finds:

- every relationship of every part (and of the package) points at a part that exists, and
  every ``r:id`` an XML part uses is one of its relationships;
- every part has a content type, every content-type override names a part that exists, and
  the main part is a presentation (not a template or slide show);
- every part is reachable from the package's relationships (no orphans left by removed slides);
- the presentation lists every slide it relates to and only those, with unique ids, and every
  master lists layouts that exist;
- every placeholder on a slide has its counterpart on the slide's layout (a footer the layout
  lacks is pandoc#9139's repair prompt);
- a run's properties on a slide come in the schema's order (PowerPoint, unlike LibreOffice,
  refuses a face or a language element out of place).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import deque

from lxml import etree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
OFFICE_DOCUMENT = f"{R}/officeDocument"
SLIDE = f"{R}/slide"
LAYOUT = f"{R}/slideLayout"
PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels").lstrip("/")


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


class Package:
    """A zip package's parts, content types and relationships."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.blobs = {name: z.read(name) for name in z.namelist() if not name.endswith("/")}
        types = etree.fromstring(self.blobs["[Content_Types].xml"])
        self.defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(f"{CT}Default")}
        self.overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
        self.parts = sorted(n for n in self.blobs if n != "[Content_Types].xml" and "/_rels/" not in f"/{n}")

    def content_type(self, part: str) -> str | None:
        return self.overrides.get(part) or self.defaults.get(part.rsplit(".", 1)[-1].lower())

    def rels(self, part: str) -> dict[str, tuple[str, str | None]]:
        """``part``'s relationships (``""``: the package's): id -> (type, resolved target; None if external)."""
        name = "_rels/.rels" if not part else _rels_name("/" + part)
        if name not in self.blobs:
            return {}
        out = {}
        for rel in etree.fromstring(self.blobs[name]).iter(f"{REL}Relationship"):
            external = rel.get("TargetMode") == "External"
            out[rel.get("Id")] = (rel.get("Type"), None if external else _target("/" + part, rel.get("Target")))
        return out

    def xml(self, part: str):
        return etree.fromstring(self.blobs[part])

    def related(self, part: str, reltype: str) -> list[str]:
        return [target for kind, target in self.rels(part).values() if kind == reltype and target]


def package_problems(data: bytes) -> list[str]:
    """Every reason PowerPoint would have to offer a repair that this check knows of (none: [])."""
    pkg = Package(data)
    problems = []
    for part in pkg.parts:
        if pkg.content_type(part) is None:
            problems.append(f"{part}: no content type")
    problems += [f"[Content_Types].xml: override for missing part {name}" for name in pkg.overrides if name not in pkg.blobs]
    for name in pkg.blobs:
        if name.endswith(".rels") and name != "_rels/.rels":
            folder, rels = posixpath.split(name)
            source = posixpath.join(posixpath.dirname(folder), rels.removesuffix(".rels"))
            if source not in pkg.blobs:
                problems.append(f"{name}: relationships of a part that does not exist ({source})")
    reached, queue = set(), deque([""])
    while queue:
        part = queue.popleft()
        for rid, (_kind, target) in pkg.rels(part).items():
            if target is None:
                continue
            if target not in pkg.blobs:
                problems.append(f"{part or '_rels/.rels'}: relationship {rid} points at missing part {target}")
            elif target not in reached:
                reached.add(target)
                queue.append(target)
    problems += [f"{part}: orphan part (nothing relates to it)" for part in pkg.parts if part not in reached]
    for part in sorted(reached & set(pkg.parts)):
        if not part.endswith(".xml"):
            continue
        ids = set(pkg.rels(part))
        for element in pkg.xml(part).iter():
            for attr, value in element.attrib.items():
                if attr.startswith(f"{{{R}}}") and value and value not in ids:
                    problems.append(f"{part}: {etree.QName(element).localname}/@r:{etree.QName(attr).localname} "
                                    f"names relationship {value}, which the part does not have")
    main = next(iter(pkg.related("", OFFICE_DOCUMENT)), None)
    if main is None:
        return [*problems, "_rels/.rels: no main part"]
    if pkg.content_type(main) != PRESENTATION_MAIN:
        problems.append(f"{main}: main part is {pkg.content_type(main)}, not a presentation")
    return problems + _presentation_problems(pkg, main)


def _presentation_problems(pkg: Package, main: str) -> list[str]:
    problems = []
    root, rels = pkg.xml(main), pkg.rels(main)
    listed = [(s.get("id"), s.get(f"{{{R}}}id")) for s in root.iterfind(f"{P}sldIdLst/{P}sldId")]
    ids = [int(i) for i, _ in listed]
    if len(set(ids)) != len(ids) or any(not 256 <= i < 2**31 for i in ids):
        problems.append(f"{main}: slide ids not unique or out of range: {ids}")
    slides_listed = {rels[rid][1] for _, rid in listed if rid in rels}
    slides_related = {target for kind, target in rels.values() if kind == SLIDE}
    problems += [f"{main}: slide {s} is related but not in the slide list" for s in sorted(slides_related - slides_listed)]
    problems += [f"{main}: slide list names {rid}, which is not a slide" for _, rid in listed
                 if rid not in rels or rels[rid][0] != SLIDE]
    for master_id in root.iterfind(f"{P}sldMasterIdLst/{P}sldMasterId"):
        master = rels.get(master_id.get(f"{{{R}}}id"), (None, None))[1]
        if master not in pkg.blobs:
            problems.append(f"{main}: master list names {master_id.get(f'{{{R}}}id')}, which is not a part")
            continue
        master_rels = pkg.rels(master)
        for layout_id in pkg.xml(master).iterfind(f"{P}sldLayoutIdLst/{P}sldLayoutId"):
            rid = layout_id.get(f"{{{R}}}id")
            if rid not in master_rels or master_rels[rid][0] != LAYOUT:
                problems.append(f"{master}: layout list names {rid}, which is not a layout")
    for slide in sorted(slides_listed & set(pkg.blobs)):
        layouts = [layout for layout in pkg.related(slide, LAYOUT) if layout in pkg.blobs]
        if len(layouts) != 1:
            problems.append(f"{slide}: {len(layouts)} layouts")
            continue
        problems += _run_order_problems(slide, pkg.xml(slide))
        offered = [_placeholder(ph) for ph in pkg.xml(layouts[0]).iter(f"{P}ph")]
        for ph in pkg.xml(slide).iter(f"{P}ph"):
            kind, idx = _placeholder(ph)
            if not any(kind == k or (idx and idx == i) for k, i in offered):
                problems.append(f"{slide}: placeholder {kind} idx {idx} has no counterpart on its layout {layouts[0]}")
    return problems


# CT_TextCharacterProperties' sequence: the order a run's property elements must come in.
RUN_PROPERTIES = ("ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag",
                  "highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin", "ea", "cs", "sym", "hlinkClick",
                  "hlinkMouseOver", "rtl", "extLst")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _run_order_problems(slide: str, root) -> list[str]:
    problems = []
    for rpr in root.iter(f"{A}rPr", f"{A}endParaRPr", f"{A}defRPr"):
        tags = [etree.QName(child).localname for child in rpr]
        order = [RUN_PROPERTIES.index(t) if t in RUN_PROPERTIES else -1 for t in tags]
        if -1 in order or order != sorted(order):
            problems.append(f"{slide}: run properties out of the schema's order: {tags}")
    return problems


def _placeholder(ph) -> tuple[str, int]:
    return ph.get("type", "obj"), int(ph.get("idx", "0"))


def slide_layouts(data: bytes) -> list[str]:
    """The part name of each slide's layout, in slide order."""
    pkg = Package(data)
    main = pkg.related("", OFFICE_DOCUMENT)[0]
    rels = pkg.rels(main)
    slides = [rels[s.get(f"{{{R}}}id")][1] for s in pkg.xml(main).iterfind(f"{P}sldIdLst/{P}sldId")]
    return [pkg.related(slide, LAYOUT)[0] for slide in slides]
