"""Importers of coded event datasets: GDELT, ICEWS, PLOVER/POLECAT, ACLED and UCDP GED.

Data flows one way, in constant memory whatever the file size (an ACLED file is read
twice, a JSON file parsed whole)::

    file ──► source.read_lines ──► gdelt / icews / plover ─────────► records.CodedRecord
             (lines, capped,        (row → record; actors resolved       (pydantic;
              decoded; gzip, zip)    by actorcodes, codes by codes)       details: names,
               │                                                          places, ranges)
               └─► table.read_table ──► acled / ucdp / polecat ──────────────┤
                   (CSV any delimiter, JSON, xlsx;                           │
                    what was detected is reported)                           ▼
    store ◄── loader.Importer (chunks, duplicates, one atomic bulk load each) ◄── nquads
      │       through the store's protocol (kg.store.KGStore: bulk_load, update, rows)
      └──► aggregates.refresh (daily actor-to-actor counts) ──► named queries, networkx

``kg import gdelt|icews|plover|acled|ucdp FILE...`` (``kg.cli.imports``) runs it;
:func:`import_files` is the same from Python::

    from kg import KnowledgeGraph
    from kg.importers import import_files
    with KnowledgeGraph.open("out/store") as kg:         # or KnowledgeGraph.connect(url)
        report = import_files(kg, "gdelt", ["20191024143000.export.CSV"])

The RDF layout is described in ``kg.importers.nquads`` (records, reactions, attacks) and
``kg.importers.aggregates`` (the daily counts).
"""

from kg.importers.records import CodedRecord, Dataset, Kind
from kg.importers.runner import (
    ImportReport,
    StrictError,
    check_files,
    import_files,
    native_store,
)

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
