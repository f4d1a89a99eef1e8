"""Text to typed records: readers, the spaCy pipeline and the extraction rules. Knows nothing of RDF."""

#: Version of the extraction rules; a paper extracted by another version is re-extracted by ``kb reextract``.
EXTRACTOR_VERSION = "0.2.28"
