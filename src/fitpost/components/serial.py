"""Let spaCy serialise fitpost's extension values (for ``nlp.pipe(n_process=...)``, ``DocBin``).

spaCy sends Docs between processes as msgpack, user data included, so a Span
extension holding a dataclass (:mod:`fitpost.ext`) or a pydantic model
(:mod:`fitpost.schema`) needs an encoder, and so does a date
(``doc._.fp_posted_at``).  :func:`register` adds one encoder
and one decoder to srsly's registries (idempotent); values come back as the
same classes.  Only classes of the ``fitpost`` package (and dates) are rebuilt.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib

import srsly

_TAG = "__fitpost__"


def _encode(obj, chain=None):
    if isinstance(obj, dt.datetime):  # doc._.fp_posted_at and friends
        return {_TAG: "datetime", "iso": obj.isoformat()}
    if isinstance(obj, dt.date):
        return {_TAG: "date", "iso": obj.isoformat()}
    cls = type(obj)
    module = getattr(cls, "__module__", "")
    if module == "fitpost.ext" and cls.__name__ == "Tokens":
        return None  # a per-Doc cache: the receiver builds its own
    if module.startswith("fitpost."):
        if dataclasses.is_dataclass(obj):
            data = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
            return {_TAG: f"{module}:{cls.__qualname__}", "d": data}
        if hasattr(obj, "model_dump"):
            return {_TAG: f"{module}:{cls.__qualname__}", "p": obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    tag = obj.get(_TAG) if isinstance(obj, dict) else None
    if tag == "date":
        return dt.date.fromisoformat(obj["iso"])
    if tag == "datetime":
        return dt.datetime.fromisoformat(obj["iso"])
    if isinstance(tag, str) and tag.startswith("fitpost."):
        module, _, name = tag.partition(":")
        cls = getattr(importlib.import_module(module), name)
        if "d" in obj:
            tuples = {f.name for f in dataclasses.fields(cls) if "tuple" in str(f.type)}
            data = {k: tuple(v) if k in tuples and isinstance(v, list) else v for k, v in obj["d"].items()}
            return cls(**data)
        return cls.model_validate(obj["p"])
    return obj if chain is None else chain(obj)


def register() -> None:
    """Register the fitpost msgpack encoder and decoder with srsly (once)."""
    if "fitpost" not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register("fitpost", func=_encode)
    if "fitpost" not in srsly.msgpack_decoders.get_all():
        srsly.msgpack_decoders.register("fitpost", func=_decode)
