"""Importers of coded event datasets: GDELT, ICEWS, PLOVER/POLECAT and ACLED.

Data flows one way, in constant memory whatever the file size::

    file ──► source.read_lines ──► gdelt / icews / plover / acled ──► records.CodedRecord
             (lines, capped,       (row → record; actors resolved       (pydantic)
              decoded; zip)         by actorcodes, codes by codes)          │
                                                                            ▼
    store ◄── loader.Importer (chunks, duplicates, one atomic bulk load each) ◄── nquads
      └──► aggregates.refresh (daily actor-to-actor counts) ──► named queries, networkx

``kg import gdelt|icews|plover|acled FILE...`` (``kg.importers.cli``) runs it;
:func:`import_files` is the same from Python::

    from kg import KnowledgeGraph
    from kg.importers import import_files, native_store
    with KnowledgeGraph.open("out/store") as kg:
        store, path = native_store(kg)
        report = import_files(store, "gdelt", ["20191024143000.export.CSV"], store_path=path)

The RDF layout is described in ``kg.importers.nquads`` (records, reactions, attacks) and
``kg.importers.aggregates`` (the daily counts).
"""

from kg.importers.records import CodedRecord, Dataset, Kind
from kg.importers.runner import ImportReport, StrictError, check_files, import_files, native_store

__all__ = [
    "CodedRecord",
    "Dataset",
    "ImportReport",
    "Kind",
    "StrictError",
    "check_files",
    "import_files",
    "native_store",
]
