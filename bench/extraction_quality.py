"""Extraction quality on the dev gold set and on the dev set, and extraction throughput.

usage: python bench/extraction_quality.py [SHARED_DIR] [--model NAME] [--export FILE] [--resolved] [--kinds]

SHARED_DIR (default: ../shared next to the repository) holds dev-gold/*.json, corpus/,
dev-set/docs, dev-set/gold and eval/score.py. Entities are merged across sections and
documents by (label, normalised name), as a minimal stand-in for the graph builder, and
scored with the shared scorer; ``--resolved`` scores after the graph builder's resolution
too. The dev set's figures follow the dev gold's, and with ``--kinds`` each kind of page
(funders, events, people, reviews, local, blogs, minutes) is scored on its own.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loaders.document import Document, Section, content_id
from loaders.extract import make_extractor
from loaders.names import normalise, slug

_HEADER = re.compile(r"^(?P<line>.+)\n")


def load(path: Path) -> Document:
    """A Document from the project's loader, or a local fallback that splits multi-note pages."""
    try:
        from loaders import load_file
    except ImportError:
        return _fallback(path)
    return load_file(path, display_path=path.name)


def _fallback(path: Path) -> Document:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    doc_id, sha = content_id(raw)
    first = text.lstrip().splitlines()[0].strip() if text.strip() else path.stem
    header = first if text.count(first + "\n") > 1 else None
    sections = []
    if header:
        starts = [m.end() for m in re.finditer(re.escape(header) + r"\n", text)]
        for k, start in enumerate(starts):
            end = text.find(header + "\n", start)
            end = len(text) if end < 0 else end
            body = text[start:end]
            title = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
            sections.append(Section(k, title, start, end, body))
    else:
        sections.append(Section(0, first, 0, len(text), text))
    return Document(doc_id, path.name, "txt", first, None, text, tuple(sections), sha)


def export(extractions) -> dict:
    """The minimal graph export: nodes merged by (label, normalised name), edges by node ids."""
    nodes: dict[str, dict] = {}
    edges = set()

    def node_id(label: str, name: str) -> str:
        return f"{label.lower()}:{slug(name)}"

    for ex in extractions:
        for e in ex.entities:
            nid = node_id(e.label, e.name)
            node = nodes.setdefault(nid, {"id": nid, "label": e.label, "name": e.name, "aliases": set()})
            node["aliases"].update(a for a in e.aliases if normalise(a) != normalise(node["name"]))
        for r in ex.relations:
            edges.add((node_id(r.source.label, r.source.name), node_id(r.target.label, r.target.name), r.type))
    return {
        "nodes": [dict(n, aliases=sorted(n["aliases"])) for _, n in sorted(nodes.items())],
        "edges": [{"source": s, "target": t, "type": ty} for s, t, ty in sorted(edges)],
    }


def export_resolved(extractions) -> dict:
    """The export after the graph builder's own cross-document resolution (aliases, spelling slips)."""
    from graph.model.resolution import resolve  # the bench may use the upper layer; loaders never do

    res = resolve((ex.document_id, e) for ex in extractions for e in ex.entities)
    edges = set()
    for ex in extractions:
        titles = {}
        for e in ex.entities:
            for m in e.mentions:
                titles.setdefault(m.section, e.section)
        for r in ex.relations:
            section = titles.get(r.evidence.section)
            s = res.node_of.get((ex.document_id, section, r.source.label, r.source.name))
            t = res.node_of.get((ex.document_id, section, r.target.label, r.target.name))
            if s and t:
                edges.add((s, t, r.type))
    nodes = [
        {"id": n.id, "label": n.label, "name": n.name, "aliases": list(n.aliases)} for _, n in sorted(res.nodes.items())
    ]
    return {"nodes": nodes, "edges": [{"source": s, "target": t, "type": ty} for s, t, ty in sorted(edges)]}


def _table(res: dict) -> None:
    print(f"{'entity':14} {'sys':>5} {'gold':>5} {'tp':>5} {'dup':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for t, r in res["entities"].items():
        extra = f"  core-recall {r['core_recall']}" if "core_recall" in r else ""
        counts = f"{r['system']:5} {r['gold']:5} {r['tp']:5} {r['duplicates']:4}"
        print(f"{t:14} {counts} {r['P']:6} {r['R']:6} {r['F1']:6}{extra}")
    print(f"{'relation':14} {'sys':>5} {'gold':>5} {'tp':>5} {'':4} {'P':>6} {'R':>6} {'F1':>6}")
    for t, r in res["relations"].items():
        print(f"{t:14} {r['system']:5} {r['gold']:5} {r['tp']:5} {'':4} {r['P']:6} {r['R']:6} {r['F1']:6}")


def main(argv: list[str] | None = None) -> int:
    """Score extraction on the dev gold and print the tables and throughput."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(REPO.parent / "shared"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--export", default=None, help="also write the export JSON here")
    parser.add_argument("--resolved", action="store_true", help="also score after graph.model.resolution merging")
    parser.add_argument("--kinds", action="store_true", help="also score each kind of dev-set page on its own")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    spec = importlib.util.spec_from_file_location("kg_score", shared / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    gold_files = sorted((shared / "dev-gold").glob("*.json"))
    documents = [load(shared / "corpus" / json.loads(g.read_text())["document"]) for g in gold_files]
    extractor = make_extractor(args.model)
    extractor.extract(documents[0])  # warm-up, so the timing below is extraction only
    t0 = time.perf_counter()
    extractions = list(extractor.extract_many(documents))
    seconds = time.perf_counter() - t0
    data = export(extractions)
    if args.export:
        Path(args.export).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    print("extraction, entities merged by (label, normalised name):")
    _table(scorer.score(gold_files, data))
    if args.resolved:
        print("\nthe same, merged by the graph builder's resolution (aliases and spelling slips):")
        _table(scorer.score(gold_files, export_resolved(extractions)))
    chars = sum(len(d.text) for d in documents)
    print(f"\nthroughput: {chars} chars in {seconds:.2f} s = {chars / seconds:,.0f} chars/s")
    dev = shared / "dev-set"
    if (dev / "gold").is_dir():
        pages = sorted((dev / "docs").glob("*.txt"))
        found = {p.name: ex for p, ex in zip(pages, extractor.extract_many(load(p) for p in pages), strict=False)}
        golds = sorted((dev / "gold").glob("*.json"))
        print(f"\ndev set ({len(pages)} real pages), merged by the graph builder's resolution:")
        _table(scorer.score(golds, export_resolved(list(found.values()))))
        if args.kinds:
            for kind in sorted({g.name.split("-")[0] for g in golds}):
                mine = [g for g in golds if g.name.startswith(kind + "-")]
                docs = [json.loads(g.read_text())["document"] for g in mine]
                rel = scorer.score(mine, export_resolved([found[d] for d in docs if d in found]))["relations"]["ALL"]
                print(f"  {kind:8} {len(mine):3} pages: relations P {rel['P']:.3f} R {rel['R']:.3f} F1 {rel['F1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
