"""What every fitpost component shares: a config saved with the pipeline."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import ensure_path

from fitpost import ext
from fitpost.components import serial


class Component:
    """A rule component whose knowledge is data in ``models/``.

    Subclasses load their data in :meth:`load`; ``to_disk``/``from_disk`` keep
    the config, so a pipeline holding the component saves and loads.
    """

    def __init__(self, nlp: Language, name: str, **config: Any) -> None:
        ext.register()
        serial.register()  # the extensions' values survive Doc.to_bytes (nlp.pipe with n_process > 1)
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer  # phrase patterns are split as the pipeline splits text
        self.name = name
        self.config = dict(config)
        self.load()

    def load(self) -> None:
        """Read the component's data (override)."""

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.json").write_text(json.dumps(self.config, indent=2), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> "Component":
        cfg = ensure_path(path) / "config.json"
        if cfg.exists():
            saved = json.loads(cfg.read_text(encoding="utf-8"))
            if {**self.config, **saved} != self.config:  # built with this config already: don't build twice
                self.config.update(saved)
                self.load()
        return self
