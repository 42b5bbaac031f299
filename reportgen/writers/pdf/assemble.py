"""One PDF from the parts' PDFs, as if it had been typeset in one piece.

- Pages follow in reading order; each part's chrome page (running title, publisher line, "Page N
  of M") is laid over it, written into the page's one content stream (a form XObject where the
  resources' names clash), marked as a pagination artifact in a tagged PDF.
- One embedded subset per face: the parts' subsets of a face are merged (``subsets.py``), so
  the file is the size of one layout's, not one set of fonts per part.
- Named destinations of all parts form one name tree, so links (``/Dest (name)``, as WeasyPrint
  writes them) land in whichever part holds their anchor.
- A link to another part's anchor (every contents entry, a note's pointer to the methodology),
  which a part carries as a ``reportgen-dest:`` URI (``urls.DEST_SCHEME``), becomes a link to
  that named destination.
- The outlines follow one another: each part starts with a chapter, so its top-level bookmarks
  are the document's.
- Tagged PDF (PDF/UA): one structure tree. The parts' top-level structure elements become the
  children of one Document element; every part's parent tree entries are renumbered into one
  ParentTree, and the pages' ``StructParents`` and the annotations' ``StructParent`` with them.
- Document-level entries (metadata stream, Info, language, MarkInfo, viewer preferences, output
  intent) are the cover's: the cover is the one part laid out with the document's metadata.

qpdf (through pikepdf) writes the result with an ID computed from the content, so the same parts
give the same bytes.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf, Stream

from reportgen.errors import BuildError
from reportgen.writers.pdf.parts import Assembly
from reportgen.writers.pdf.subsets import merge_subsets
from reportgen.writers.pdf.urls import DEST_SCHEME

DOCUMENT_KEYS = ("/Lang", "/Metadata", "/MarkInfo", "/ViewerPreferences", "/OutputIntents")
MERGED_KEYS = ("/Type", "/Pages", "/Names", "/Outlines", "/StructTreeRoot")
CHROME = Name("/RgChrome")


def assemble(assembly: Assembly) -> bytes:
    sources = [pikepdf.open(io.BytesIO(part.pdf)) for part in assembly.parts]
    chrome = pikepdf.open(io.BytesIO(assembly.chrome.pdf))
    out = pikepdf.new()
    pages: list[dict[tuple[int, int], int]] = []  # per source: its page (objgen) -> index in out
    for source in sources:
        _check_catalog(source)
        pages.append({page.objgen: len(out.pages) + i for i, page in enumerate(source.pages)})
        with warnings.catch_warnings():  # named destinations are carried over below, for the whole document
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            out.pages.extend(source.pages)
    if len(chrome.pages) != len(out.pages):
        raise BuildError(f"the chrome has {len(chrome.pages)} pages for a document of {len(out.pages)}")
    tagged = "/StructTreeRoot" in sources[0].Root
    forms = [out.copy_foreign(page.as_form_xobject()) for page in chrome.pages]
    merge_subsets(out)  # before the overlay: the chrome's fonts become the pages' own
    _overlay(out, forms, tagged)
    _destinations(out, sources, pages)
    _links_across(out)
    _outline(out, sources, pages, assembly.continued)
    if tagged:
        _structure(out, sources, pages)
    cover = sources[0]
    for key in DOCUMENT_KEYS:
        if key in cover.Root:
            out.Root[key] = _copy(out, cover.Root[key])
    out.docinfo = out.copy_foreign(cover.docinfo)
    buffer = io.BytesIO()
    out.save(buffer, min_version=cover.pdf_version, deterministic_id=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def _check_catalog(source: Pdf) -> None:
    """Fail rather than drop what a part carries and assembly does not know how to merge."""
    unknown = sorted(set(source.Root.keys()) - {*DOCUMENT_KEYS, *MERGED_KEYS})
    names = sorted(set(source.Root.Names.keys()) - {"/Dests"}) if "/Names" in source.Root else []
    if unknown or names:
        raise BuildError(f"cannot assemble PDF parts holding {', '.join(unknown + names)}")


def _copy(out: Pdf, obj: Object) -> Object:
    """``obj`` of another PDF as an object of ``out``: indirect objects through qpdf's copier (which
    maps an object copied twice, e.g. a page, to one copy), direct containers element by element."""
    if isinstance(obj, Array):
        return Array([_copy(out, item) for item in obj])
    if isinstance(obj, Dictionary) and not obj.is_indirect:
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    if getattr(obj, "is_indirect", False):
        return out.copy_foreign(obj)
    return obj


def _destination(out: Pdf, pages: dict[tuple[int, int], int], dest: Object) -> Array:
    """A part's explicit destination ``[page /XYZ x y zoom]`` pointing at its page in ``out``."""
    return Array([out.pages[pages[dest[0].objgen]].obj, *list(dest)[1:]])


def _overlay(out: Pdf, forms: list[Stream], tagged: bool) -> None:
    """Lay each chrome page (as a form, ``forms``) over its page, on top of the page's own content.

    The chrome is written into the page's content stream, as one layout draws its margin boxes,
    when the page's resources can take the chrome's under the same names (the usual case once
    the fonts are merged: WeasyPrint names resources after what they are); otherwise the page
    draws the form. Either way the page gets one content stream and its own resource dictionary
    (the parts' pages share one)."""
    for page, form in zip(out.pages, forms, strict=True):
        if list(page.mediabox) != list(form.BBox):
            raise BuildError(f"page {page.index + 1} is {list(page.mediabox)} but its chrome {list(form.BBox)}")
        resources = Dictionary(dict(page.Resources.items()))
        if _take_resources(resources, form.Resources):
            chrome = form.read_bytes()
        else:
            xobjects = Dictionary(dict(resources.get("/XObject", Dictionary()).items()))
            xobjects[CHROME] = form
            resources["/XObject"] = xobjects
            chrome = b"q %s Do Q" % CHROME.unparse()
        page.Resources = resources
        if tagged:
            chrome = b"/Artifact <</Type /Pagination>> BDC\n" + chrome + b"\nEMC"
        page.contents_coalesce()  # one stream a page, as one layout writes it (each stream costs bytes)
        page.obj.Contents = out.make_stream(b"q\n" + page.obj.Contents.read_bytes() + b"\nQ\n" + chrome + b"\n")


def _take_resources(resources: Dictionary, chrome: Dictionary) -> bool:
    """Add the chrome's resources to a page's (copying a category before changing it); False,
    and ``resources`` unchanged, if a name stands for two different things."""
    additions: dict[str, dict[str, Object]] = {}
    for category, entries in chrome.items():
        mine = resources.get(category)
        if not isinstance(entries, Dictionary) or not isinstance(mine, Dictionary | None):  # e.g. /ProcSet
            if mine is None or not _same(mine, entries):
                return False
            continue
        for name, value in entries.items():
            if mine is None or name not in mine:
                additions.setdefault(category, {})[name] = value
            elif not _same(mine[name], value):
                return False
    for category, entries in additions.items():
        merged = Dictionary(dict(resources.get(category, Dictionary()).items()))
        for name, value in entries.items():
            merged[name] = value
        resources[category] = merged
    return True


def _same(a: Object, b: Object) -> bool:
    """The same object (indirect), or direct objects written alike."""
    if getattr(a, "is_indirect", False) or getattr(b, "is_indirect", False):
        return getattr(a, "is_indirect", False) and getattr(b, "is_indirect", False) and a.objgen == b.objgen
    return a.unparse() == b.unparse()


def _destinations(out: Pdf, sources: list[Pdf], pages: list[dict]) -> None:
    """One name tree of every part's named destinations; the first of two equal names wins."""
    merged: dict[str, Array] = {}
    for index, source in enumerate(sources):
        if "/Names" not in source.Root or "/Dests" not in source.Root.Names:
            continue
        for name, dest in pikepdf.NameTree(source.Root.Names.Dests).items():
            merged.setdefault(name, _destination(out, pages[index], dest))
    if merged:
        tree = pikepdf.NameTree.new(out)
        for name in sorted(merged):
            tree[name] = merged[name]
        out.Root.Names = Dictionary(Dests=tree.obj)


def _links_across(out: Pdf) -> None:
    """Links one part made to another's anchor, as ``/Dest (name)`` like the links within a part
    (in a tagged PDF their description, ``/Contents``, is the target too, as WeasyPrint writes it)."""
    names = pikepdf.NameTree(out.Root.Names.Dests) if "/Names" in out.Root else {}
    prefix = f"{DEST_SCHEME}:"
    for page in out.pages:
        for annotation in page.obj.get("/Annots", Array()):
            action = annotation.get("/A")
            if action is None or action.get("/S") != Name.URI or not str(action.URI).startswith(prefix):
                continue
            name = str(action.URI)[len(prefix):]
            if name not in names:
                raise BuildError(f"a link on page {page.index + 1} leads to #{name}, which no part of the PDF holds")
            del annotation["/A"]
            annotation.Dest = pikepdf.String(name)
            if str(annotation.get("/Contents", "")) == str(action.URI):
                annotation.Contents = pikepdf.String(name)


def _outline(out: Pdf, sources: list[Pdf], pages: list[dict], continued: frozenset[int]) -> None:
    """The parts' outlines one after another, each item leading to its page in ``out``; those of
    a part that continues a chapter under the chapter's bookmark."""

    def convert(item: Dictionary, index: int) -> pikepdf.OutlineItem:
        new = pikepdf.OutlineItem(str(item.Title), _destination(out, pages[index], item.Dest))
        new.is_closed = int(item.get("/Count", 0)) < 0
        new.children.extend(convert(child, index) for child in _children(item))
        return new

    items: list[pikepdf.OutlineItem] = []
    for index, source in enumerate(sources):
        converted = [convert(item, index) for item in _children(source.Root.Outlines)] if "/Outlines" in source.Root else []
        (items[-1].children if index in continued and items else items).extend(converted)
    if items:
        with out.open_outline() as outline:
            outline.root.extend(items)


def _children(node: Dictionary) -> Iterator[Dictionary]:
    item = node.get("/First")
    while item is not None:
        yield item
        item = item.get("/Next")


def _structure(out: Pdf, sources: list[Pdf], pages: list[dict]) -> None:
    """One structure tree: one Document element over every part's elements, one ParentTree. (A
    part that continues a chapter brings its own element of the chapter, as one layout has one
    for each page the chapter spans.)"""
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array()))
    root.K = Array([document])
    nums = Array()
    for index, source in enumerate(sources):
        part_root = source.Root.StructTreeRoot
        unknown = sorted(set(part_root.keys()) - {"/Type", "/K", "/ParentTree", "/ParentTreeNextKey"})
        if unknown:
            raise BuildError(f"cannot merge the structure trees of PDF parts holding {', '.join(unknown)}")
        for element in _kids(part_root):  # the part's Document element(s): their children join ours
            for kid in _kids(element):
                copied = _copy(out, kid)
                if isinstance(copied, Dictionary):
                    copied.P = document
                document.K.append(copied)
        keys: dict[int, int] = {}
        # One copy of the whole parent tree (its arrays hold thousands of references: copied
        # one by one they cost a Python call each); its elements are the ones copied above.
        for key, value in pikepdf.NumberTree(out.copy_foreign(part_root.ParentTree)).items():
            keys[int(key)] = len(nums) // 2
            nums.extend([len(nums) // 2, value])
        for position in sorted(pages[index].values()):
            page = out.pages[position]
            if "/StructParents" in page.obj:
                page.obj.StructParents = keys[int(page.obj.StructParents)]
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = keys[int(annotation.StructParent)]
    root.ParentTree = out.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(nums) // 2
    out.Root.StructTreeRoot = root


def _kids(node: Dictionary) -> list[Object]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]
