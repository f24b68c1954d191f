"""``ocrkit serve``: a local web page and a JSON API over the library.

Safe by default: it listens on 127.0.0.1 unless told otherwise; uploads are limited in bytes
(``max_upload``) and pixels (``max_pixels``); each request has a time limit; no file path is
ever taken from a request; an upload lives only in memory (it is never written to disk).
Needs the ``serve`` extra (FastAPI, uvicorn, python-multipart).

API: ``POST /api/ocr`` (multipart, field ``file``; optional ``lang``, ``engine``, ``correct``,
``format``) answers JSON with ``text``, ``raw_text``, ``pages`` (with words and boxes) and
``corrections``; with ``format=hocr|alto|tsv|text|pdf`` it answers that document instead.
``GET /api/languages``, ``GET /api/engines``; the OpenAPI description is at ``/openapi.json``.
"""



import asyncio
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

from .._version import __version__
from ..errors import InputError, LanguageNotInstalledError, OCRKitError

DEFAULT_MAX_UPLOAD = 25 * 1024 * 1024
DEFAULT_MAX_PIXELS = 60_000_000
DEFAULT_TIMEOUT = 120.0
MAX_PAGES = 50


def create_app(*, max_upload: int = DEFAULT_MAX_UPLOAD, max_pixels: int = DEFAULT_MAX_PIXELS,
               timeout: float = DEFAULT_TIMEOUT, workers: int = 2, queue: int | None = None,
               token: str | None = None, read_timeout: float = 30.0) -> Any:
    """The web app. ``workers`` pages are read at once; ``queue`` more requests (default: twice
    ``workers``) may wait; further ones get 503 with Retry-After (see :mod:`ocrkit.server.guard`).
    With ``token``, every request must carry it."""
    try:
        from fastapi import FastAPI, File, Form, HTTPException, UploadFile
        from fastapi.responses import HTMLResponse, JSONResponse, Response
    except ImportError as exc:
        raise OCRKitError("`ocrkit serve` needs the serve extra: `pip install 'ocrkit[serve]'`.") from exc

    from .guard import Guard

    Feedback = _feedback_model()

    app = FastAPI(title="ocrkit", version=__version__, description="OCR with a trainable corrector.")
    app.add_middleware(Guard, capacity=workers + (2 * workers if queue is None else queue),
                       max_body=max_upload + 1024 * 1024, workers=workers, token=token, read_timeout=read_timeout,
                       upload_timeout=timeout)
    slots = threading.BoundedSemaphore(workers)  # OCR runs at most `workers` pages at once
    engines = _EnginePool()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return resources.files("ocrkit.server").joinpath("index.html").read_text(encoding="utf-8")

    @app.get("/api/languages")
    def languages() -> dict[str, Any]:
        from ..engines.tesseract import installed_languages

        return {"languages": ["auto", *installed_languages()]}

    @app.get("/api/engines")
    def engines_list() -> dict[str, Any]:
        from ..engines import available_engines, default_engine

        return {"engines": available_engines(), "default": default_engine()}

    @app.post("/api/ocr")
    async def ocr(
        file: UploadFile = File(..., description="An image (PNG, JPEG, TIFF, BMP, WebP) or a PDF."),
        lang: str = Form("eng"),
        engine: str = Form("", description="tesseract, rapidocr or auto; default: auto where RapidOCR is installed"),
        correct: bool = Form(True),
        format: str = Form("json"),
        model: str = Form("default", description="default, or user: your model, which learns from /api/feedback"),
    ) -> Response:
        if format not in ("json", "text", "tsv", "hocr", "alto", "pdf"):
            raise HTTPException(422, "format must be one of json, text, tsv, hocr, alto, pdf")
        if model not in ("default", "user"):
            raise HTTPException(422, "model must be default or user")
        if not engine:
            from ..engines import default_engine

            engine = default_engine()
        data = await file.read(max_upload + 1)
        if len(data) > max_upload:
            raise HTTPException(413, f"The upload is over {max_upload // (1024 * 1024)} MB; send a smaller file.")
        if not data:
            raise HTTPException(400, "The upload is empty.")
        loop = asyncio.get_running_loop()
        try:
            result, images = await asyncio.wait_for(
                loop.run_in_executor(None, _run, engines, slots, data, lang, engine, correct, max_pixels, format == "pdf",
                                     model == "user"),
                timeout,
            )
        except asyncio.TimeoutError:
            raise HTTPException(504, f"Reading took longer than {timeout:.0f} s; send fewer or smaller pages.") from None
        except LanguageNotInstalledError as exc:
            raise HTTPException(400, str(exc)) from None
        except InputError as exc:
            raise HTTPException(415 if "not an image" in str(exc) or "corrupt" in str(exc) else 400, str(exc)) from None
        except OCRKitError as exc:
            raise HTTPException(400, str(exc)) from None
        return _respond(result, images, format, JSONResponse, Response)

    @app.post("/api/feedback")
    async def feedback(fix: Feedback) -> dict[str, Any]:  # type: ignore[valid-type]
        """Teach your model (``model=user`` on /api/ocr) the fixes you made to a document's text."""
        from ..correct.usermodels import UserModels

        given: dict[str, Any] = fix.model_dump()  # type: ignore[attr-defined]
        lang = given["lang"]
        if lang == "auto" or not lang.replace("+", "").replace("_", "").isalnum():
            raise HTTPException(422, "lang must be the language the text is in, e.g. eng")
        loop = asyncio.get_running_loop()
        got = await loop.run_in_executor(None, UserModels().learn, lang, given["raw_text"], given["fixed_text"], given["document"])
        return {"lang": got.lang, "document": got.document, "changed": got.changed, "pairs": got.pairs,
                "skipped": list(got.skipped), "confusions": [list(c) for c in got.confusions], "words": list(got.words),
                "seconds": round(got.seconds, 3)}

    return app


def _feedback_model() -> Any:
    from pydantic import BaseModel, Field

    class Feedback(BaseModel):
        """A document as read and as you fixed it (lines may be fixed, joined, split, added or removed)."""

        lang: str = Field(description="the language of the text, e.g. eng")
        raw_text: str = Field(max_length=2_000_000)
        fixed_text: str = Field(max_length=2_000_000)
        document: str = Field("", max_length=500, description="a name for the document (to undo what it taught)")

    return Feedback


class _EnginePool:
    """Engines per (lang, engine), created once and reused; one in use per thread at a time."""

    def __init__(self) -> None:
        self._free: dict[tuple[str, str], list[Any]] = {}
        self._lock = threading.Lock()

    def take(self, lang: str, engine: str):  # type: ignore[no-untyped-def]
        with self._lock:
            free = self._free.setdefault((lang, engine), [])
            if free:
                return free.pop()
        from ..engine import OCREngine

        return OCREngine(lang=lang, engine=engine)

    def give(self, lang: str, engine: str, obj: Any) -> None:
        with self._lock:
            self._free.setdefault((lang, engine), []).append(obj)


def _run(pool: _EnginePool, slots: threading.BoundedSemaphore, data: bytes, lang: str, engine: str,
         correct: bool, max_pixels: int, keep_images: bool, mine: bool = False) -> Any:
    from ..io import open_input

    with slots:
        eng = pool.take(lang, engine)
        try:
            with open_input(data, max_pixels=max_pixels) as doc:
                if len(doc) > MAX_PAGES:
                    raise InputError(f"The document has {len(doc)} pages; the web app reads at most {MAX_PAGES}.")
                pages = []
                images = []
                for page_image in doc:
                    pages.append(eng.recognize_page(page_image))
                    if keep_images:
                        images.append(page_image.image)
            from ..results import OCRResult

            result = OCRResult(tuple(pages), eng.engine.name, eng.engine.version(), lang)
            if correct:
                from ..correct.languages import postprocessor_for

                # (your model is read afresh: it learns between requests)
                result = (postprocessor_for(lang, "user") if mine else _postprocessor(lang)).correct_result(result)
            return result, images
        finally:
            pool.give(lang, engine, eng)


@lru_cache(maxsize=8)
def _postprocessor(lang: str):  # type: ignore[no-untyped-def]
    from ..correct.languages import postprocessor_for

    return postprocessor_for(lang)


def _respond(result, images, fmt: str, JSONResponse, Response):  # type: ignore[no-untyped-def]
    from ..export import export, to_pdf

    if fmt == "json":
        d = result.to_dict()
        d["raw_text"] = result.raw_text if result.raw_text is not None else result.text
        for page in d["pages"]:  # the page needs boxes, not per-character alternatives
            for line in page["lines"]:
                for w in line["words"]:
                    w.pop("symbols", None)
        return JSONResponse(d)
    if fmt == "pdf":
        return Response(to_pdf(result, images), media_type="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="ocrkit.pdf"'})
    media = {"text": "text/plain", "tsv": "text/tab-separated-values", "hocr": "application/xhtml+xml",
             "alto": "application/xml"}[fmt]
    return Response(export(result, fmt), media_type=f"{media}; charset=utf-8")


def serve(host: str = "127.0.0.1", port: int = 8000, **options: Any) -> None:
    try:
        import uvicorn
    except ImportError as exc:
        raise OCRKitError("`ocrkit serve` needs the serve extra: `pip install 'ocrkit[serve]'`.") from exc
    # idle connections are closed after 5 s; at most 200 connections at once (uvicorn answers 503 past that)
    uvicorn.run(create_app(**options), host=host, port=port, log_level="warning", timeout_keep_alive=5,
                limit_concurrency=200)
