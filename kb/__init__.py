"""evidencekb: a literature evidence knowledge base in RDF.

``KnowledgeBase`` is the entry object; the ``kb`` command and the HTTP app call its methods.
"""

from kb.errors import InputError, KbError, QueryError, StoreError, StoreLocked, UnknownPaper
from kb.knowledgebase import AddReport, KnowledgeBase

__all__ = ["KnowledgeBase", "AddReport", "KbError", "InputError", "QueryError", "StoreError", "StoreLocked",
           "UnknownPaper"]
