"""The parts of ``scripts/gen_schemes.py``, which writes ``ontology/cameo.ttl`` and
``ontology/plover.ttl``:

``sources``
    the input files (where each is here and where it came from) and the scheme IRIs;
``codebooks``
    reading the CAMEO tables and codebooks, and detecting and repairing the defects of
    GDELT's ``CAMEO.eventcodes.txt`` by comparing them;
``cameo``
    the CAMEO event-code and actor-code schemes, as resources;
``plover``
    the PLOVER event types, modes and contexts, and the CAMEO -> PLOVER mapping;
``writer``
    resources as deterministic Turtle, serialised by pyoxigraph.
"""
