"""Build the fitpost spaCy pipeline: a base pipeline plus the fitpost components.

The base is chosen by ``model``: ``"auto"`` (the statistical English pipeline
when installed, else blank English with a warning), ``"blank"`` (rules alone,
the fast mode) or any installed spaCy pipeline name or path.  The fitpost
components are added in the order ``models/pipeline.json`` gives.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import cache
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_suffix_regex

from fitpost import resources
from fitpost.errors import ModelNotFound

# importing the modules registers their factories (entry points do the same for users)
COMPONENT_MODULES = ("quantities", "activities", "people", "places", "events", "dates", "status", "records")


def register_components() -> None:
    """Import every component module so its factory is registered with spaCy."""
    for name in COMPONENT_MODULES:
        importlib.import_module(f"fitpost.components.{name}")


def config() -> dict:
    """The pipeline config from ``models/pipeline.json``."""
    return resources.load_json("pipeline.json")


@cache
def resolve_auto() -> str:
    """The name of the installed statistical pipeline, or ``"blank"`` (said once on stderr)."""
    for name in config()["auto_models"]:
        if importlib.util.find_spec(name) is not None:
            return name
    print("fitpost: no statistical English pipeline is installed "
          "(pip install 'fitpost[model]'); running the rules alone on blank English.",
          file=sys.stderr)
    return "blank"


def blank() -> Language:
    """Blank English with a sentencizer (spaCy's rule, fitpost's quicker make of it,
    :mod:`fitpost.components.sentences`): the fast mode."""
    cfg = config()["blank"]
    nlp = spacy.blank(cfg.get("lang", "en"))
    if cfg.get("sentencizer", True):
        importlib.import_module("fitpost.components.sentences")
        nlp.add_pipe("fitpost_sentencizer", name="sentencizer")
    return nlp


def load_base(model: str = "auto") -> Language:
    """Load the base spaCy pipeline that ``model`` names (never downloads anything)."""
    name = resolve_auto() if model == "auto" else model
    if name == "blank":
        return blank()
    # components whose annotations no fitpost rule reads are left out: they only cost time
    exclude = config().get("unread_components", [])
    try:
        if importlib.util.find_spec(name.replace("-", "_")) is not None and not Path(name).exists():
            # a pipeline installed as a package: import it, so that a package whose
            # import name differs from its meta name (a republished one) still loads
            return importlib.import_module(name.replace("-", "_")).load(exclude=exclude)
        return spacy.load(name, exclude=exclude)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelNotFound(
            f"no spaCy pipeline named {name!r} is installed (use --model auto, --model blank, "
            f"or the name or path of an installed spaCy pipeline): {exc}") from None


def add_components(nlp: Language, components: list[dict] | None = None) -> Language:
    """Add the fitpost components to ``nlp`` in the configured order."""
    register_components()
    for spec in components if components is not None else config()["components"]:
        factory = spec["factory"]
        nlp.add_pipe(factory, name=spec.get("name", factory), config=spec.get("config", {}))
    return nlp


def complete(nlp: Language) -> Language:
    """A pipeline of the caller's (``Extractor(nlp=...)``) with fitpost's components: ``nlp`` itself
    when it has them all; else, when it has none of them, ``nlp`` with them added as :func:`build`
    adds them (the line-break rule before a parser, the components in ``models/pipeline.json``
    order), after a sentencizer where nothing in it sets sentence starts (``spacy.blank("en")``).
    Some of them but not all is a ValueError that names the missing ones: where they would go is
    the caller's choice."""
    wanted = [spec.get("name", spec["factory"]) for spec in config()["components"]]
    missing = [name for name in wanted if name not in nlp.pipe_names]
    if not missing:
        return nlp
    if len(missing) < len(wanted):
        raise ValueError(f"the pipeline has some of fitpost's components but not {', '.join(missing)}: "
                         f"add them in this order ({', '.join(wanted)}), or pass a pipeline with none of them "
                         "and fitpost adds them all")
    if not any({"token.is_sent_start", "doc.sents"} & set(nlp.get_pipe_meta(name).assigns)
               for name in nlp.pipe_names):
        importlib.import_module("fitpost.components.sentences")
        nlp.add_pipe("fitpost_sentencizer", name="sentencizer")
    return add_components(with_line_breaks(nlp))


def build(model: str = "auto") -> Language:
    """The full fitpost pipeline on the base that ``model`` names."""
    return add_components(with_line_breaks(with_whole_words(with_extra_suffixes(without_unit_abbreviations(
        load_base(model))))))


def without_unit_abbreviations(nlp: Language) -> Language:
    """``nlp`` whose tokenizer no longer keeps the ``unit_abbreviations`` of ``models/pipeline.json`` ("m.") as
    one token: after a number they are a unit and a full stop ("Swam 800m. Then rested." is two sentences)."""
    drop = set(config().get("unit_abbreviations", {}).get("special_cases", []))
    if drop & set(nlp.tokenizer.rules):
        nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in drop}
    return nlp


def with_whole_words(nlp: Language) -> Language:
    """``nlp`` whose tokenizer keeps the ``whole_words`` of ``models/pipeline.json`` as one token each,
    where its language's special cases would split them ("Wed 6 km": Wednesday, not "We d")."""
    for word in config().get("whole_words", {}).get("words", []):
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    return nlp


def with_extra_suffixes(nlp: Language) -> Language:
    """``nlp`` whose tokenizer also splits off the ``extra_suffixes`` of ``models/pipeline.json`` (after
    its own suffixes): "the Larkspur 10K." ends in a distance and a full stop, as "the Larkspur 10K!" does."""
    extra = config().get("extra_suffixes", {}).get("patterns", [])
    if extra:
        nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + extra).search
    return nlp


def with_line_breaks(nlp: Language) -> Language:
    """``nlp`` with a line break starting a sentence: before the parser of a statistical pipeline
    (the blank one's sentencizer does it itself)."""
    if "parser" in nlp.pipe_names and "fitpost_lines" not in nlp.pipe_names:
        importlib.import_module("fitpost.components.sentences")
        nlp.add_pipe("fitpost_lines", before="parser")
    return nlp
