"""Write a deterministic PubmedArticleSet of N made-up records as .xml.gz (the shape of a baseline file).

Records look like PubMed's: structured and unstructured abstracts with inline ``<i>``/``<sup>``,
authors, MeSH headings and chemicals with ids, publication types, the article's own ids and a
ReferenceList with other DOIs; about 5% have no abstract. The same seed gives the same bytes.

    python benchmarks/gen_pubmed_xml.py --records 30000 --out benchmarks/out/pubmed_30000.xml.gz
"""

from __future__ import annotations

import argparse
import gzip
import random
from pathlib import Path
from xml.sax.saxutils import escape

DRUGS = ["temsirolimus", "sirolimus", "everolimus", "imatinib", "sunitinib", "sorafenib", "pazopanib", "doxorubicin",
         "ifosfamide", "gemcitabine", "docetaxel", "trabectedin", "eribulin", "regorafenib", "nab-sirolimus",
         "cabozantinib", "olaratumab", "pembrolizumab", "nivolumab", "bevacizumab"]
DISEASES = ["perivascular epithelioid cell tumour", "soft tissue sarcoma", "gastrointestinal stromal tumour",
            "renal cell carcinoma", "lymphangioleiomyomatosis", "osteosarcoma", "leiomyosarcoma", "liposarcoma",
            "angiosarcoma", "tuberous sclerosis complex"]
TARGETS = ["mTOR", "mTORC1", "KIT", "PDGFRA", "VEGFR2", "TSC2", "PD-1", "MET"]
MEASURES = ["objective response rate", "disease control rate", "median progression-free survival",
            "median overall survival", "6-month progression-free survival rate"]
JOURNALS = [("Clin Sarcoma Res", "Clinical sarcoma research"), ("J Clin Oncol", "Journal of clinical oncology"),
            ("Lancet Oncol", "The Lancet. Oncology"), ("Cancer", "Cancer"), ("Oncologist", "The oncologist")]
MESH = [("D006801", "Humans"), ("D008297", "Male"), ("D005260", "Female"), ("D000368", "Aged"),
        ("D008875", "Middle Aged"), ("D012509", "Sarcoma"), ("D054973", "Perivascular Epithelioid Cell Neoplasms"),
        ("D000970", "Antineoplastic Agents"), ("D016896", "Treatment Outcome"), ("D018572", "Disease-Free Survival")]
CHEMICALS = [("C401859", "temsirolimus"), ("D020123", "Sirolimus"), ("D000068877", "Imatinib Mesylate"),
             ("D000077210", "Sunitinib"), ("D000077157", "Sorafenib"), ("D004317", "Doxorubicin")]
PUB_TYPES = [("D016428", "Journal Article"), ("D017427", "Clinical Trial, Phase II"),
             ("D016449", "Randomized Controlled Trial"), ("D002363", "Case Reports")]
LAST_NAMES = ["Smith", "Garcia", "Müller", "Rossi", "Tanaka", "Nguyen", "Kowalski", "Dubois", "Okafor", "Larsen"]


def _sentence(rng: random.Random) -> str:
    drug, disease, target = rng.choice(DRUGS), rng.choice(DISEASES), rng.choice(TARGETS)
    n, dose = rng.randint(8, 400), rng.choice([10, 25, 50, 100, 150, 400, 800])
    pct, low = rng.randint(5, 80), rng.randint(1, 5)
    return rng.choice([
        f"<i>{drug}</i> inhibits {target} signalling in {disease}.",
        f"A total of {n} patients with {disease} received {drug} {dose} mg/m<sup>2</sup> weekly.",
        f"The {rng.choice(MEASURES)} was {pct}% (95% CI {max(1, pct - 12)}-{min(99, pct + 12)}).",
        f"Median progression-free survival was {low}.{rng.randint(0, 9)} months (HR 0.{rng.randint(2, 9)}; "
        f"P &lt; 0.0{rng.randint(1, 5)}).",
        f"Grade 3 toxicities included mucositis ({rng.randint(2, 30)}%) and thrombocytopenia "
        f"({rng.randint(2, 30)}%), with neutrophils below 1.5 x 10<sup>9</sup>/L in {rng.randint(1, 9)} patients.",
        f"Loss of TSC2 expression was associated with response to {drug}.",
        f"{drug.capitalize()} {dose} mg daily is active and tolerable in {disease}.",
    ])


def _paragraph(rng: random.Random, k: tuple[int, int]) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*k)))


def record(pmid: int, rng: random.Random) -> str:
    """One PubmedArticle element as text."""
    iso, title = rng.choice(JOURNALS)
    year = rng.randint(1995, 2025)
    drug, disease = rng.choice(DRUGS), rng.choice(DISEASES)
    kind = rng.random()
    if kind < 0.05:
        abstract = ""
    elif kind < 0.35:
        abstract = f"<Abstract><AbstractText>{_paragraph(rng, (4, 8))}</AbstractText></Abstract>"
    else:
        parts = [("BACKGROUND", "BACKGROUND", (1, 2)), (rng.choice(["METHODS", "PATIENTS AND METHODS"]), "METHODS",
                 (1, 3)), ("RESULTS", "RESULTS", (2, 4)), ("CONCLUSIONS", "CONCLUSIONS", (1, 2))]
        abstract = "<Abstract>" + "".join(
            f'<AbstractText Label="{label}" NlmCategory="{cat}">{_paragraph(rng, k)}</AbstractText>'
            for label, cat, k in parts) + "</Abstract>"
    authors = "".join(
        f"<Author ValidYN=\"Y\"><LastName>{rng.choice(LAST_NAMES)}</LastName><ForeName>A</ForeName>"
        f"<Initials>{rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}</Initials></Author>"
        for _ in range(rng.randint(1, 8)))
    mesh = "".join(f'<MeshHeading><DescriptorName UI="{ui}" MajorTopicYN="N">{escape(name)}</DescriptorName>'
                   "</MeshHeading>" for ui, name in rng.sample(MESH, rng.randint(2, 6)))
    chems = "".join(f'<Chemical><RegistryNumber>0</RegistryNumber><NameOfSubstance UI="{ui}">{name}'
                    "</NameOfSubstance></Chemical>" for ui, name in rng.sample(CHEMICALS, rng.randint(1, 3)))
    pubtypes = "".join(f'<PublicationType UI="{ui}">{name}</PublicationType>'
                       for ui, name in rng.sample(PUB_TYPES, rng.randint(1, 2)))
    refs = "".join(f'<Reference><Citation>Ref {i}.</Citation><ArticleIdList><ArticleId IdType="doi">'
                   f"10.{rng.randint(1000, 9999)}/ref.{pmid}.{i}</ArticleId></ArticleIdList></Reference>"
                   for i in range(rng.randint(0, 12)))
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>'
        f'<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print"><PubDate><Year>{year}</Year>'
        f"</PubDate></JournalIssue><Title>{escape(title)}</Title><ISOAbbreviation>{iso}</ISOAbbreviation></Journal>"
        f"<ArticleTitle><i>{drug.capitalize()}</i> in {disease}: a study of {rng.randint(8, 400)} patients."
        f"</ArticleTitle>{abstract}<AuthorList>{authors}</AuthorList><Language>eng</Language>"
        f"<PublicationTypeList>{pubtypes}</PublicationTypeList></Article><ChemicalList>{chems}</ChemicalList>"
        f"<MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation><PubmedData><ArticleIdList>"
        f'<ArticleId IdType="pubmed">{pmid}</ArticleId><ArticleId IdType="doi">10.5555/gen.{pmid}</ArticleId>'
        f"</ArticleIdList><ReferenceList>{refs}</ReferenceList></PubmedData></PubmedArticle>\n"
    )


def generate(out: Path, records: int = 30_000, seed: int = 4) -> Path:
    """Write ``records`` records to ``out`` (.xml.gz); the bytes depend only on ``records`` and ``seed``."""
    rng = random.Random(seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    # no name and mtime=0 keep the gzip header, and so the file, identical from run to run
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz:
        gz.write(b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
                 b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
                 b"<PubmedArticleSet>\n")
        for i in range(records):
            gz.write(record(40_000_000 + i, rng).encode("utf-8"))
        gz.write(b"</PubmedArticleSet>\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--out", type=Path, default=None, help="default: benchmarks/out/pubmed_<N>.xml.gz")
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "out" / f"pubmed_{args.records}.xml.gz"
    generate(out, args.records, args.seed)
    print(f"wrote {args.records:,} records to {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
