#!/usr/bin/env bash
# Set up ocrkit on a fresh Debian/Ubuntu machine; safe to run again (it skips what is there).
#  - Debian packages: tesseract-ocr with the eng, nld, fra, deu language data and the Fraktur
#    models (frk, script/Fraktur: OCREngine reads Fraktur pages with them), Ghostscript for
#    OCRmyPDF (the ocrkit.ocrmypdf plugin), the Hunspell dictionaries of eng, fra, deu and nld
#    (the corrector asks them how a word is written: small, or a name or German noun with a
#    capital), chromium for the web page's browser test, and the fonts tests render text in
#    (apt-get, only what is missing)
#  - a virtual environment .venv at the repository root with ocrkit installed (editable) and its
#    test and benchmark extras
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# typefaces the tests and benchmarks render text in (DejaVu, FreeFont: the seed's, Liberation)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)  # OCRmyPDF's PDF/A conversion (the ocrmypdf extra)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/freefont/FreeSansBold.ttf ] || need+=(fonts-freefont-ttf)
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
[ -f /usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf ] || need+=(fonts-urw-base35)  # seedlike.py --fonts unseen
for d in en_US:hunspell-en-us fr_FR:hunspell-fr de_DE:hunspell-de-de nl_NL:hunspell-nl; do
  name=${d%%:*}
  compgen -G "/usr/share/hunspell/${name}.dic" >/dev/null || compgen -G "/usr/share/hunspell/${name%%_*}.dic" >/dev/null \
    || need+=("${d#*:}")
done
for l in eng nld fra deu frk; do
  ls /usr/share/tesseract-ocr/*/tessdata/$l.traineddata >/dev/null 2>&1 || need+=("tesseract-ocr-$l")
done
compgen -G "/usr/share/tesseract-ocr/*/tessdata/*Fraktur.traineddata" >/dev/null \
  || compgen -G "/usr/share/tesseract-ocr/*/tessdata/script/Fraktur.traineddata" >/dev/null || need+=(tesseract-ocr-script-frak)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
stamp=.venv/.ocrkit-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing ocrkit into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,bench]"
  touch "$stamp"
fi
