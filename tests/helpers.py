"""What several tests share: paths, the character error rate, and small documents."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def cer(a: str, b: str) -> float:
    from rapidfuzz.distance import Levenshtein

    a, b = " ".join(a.split()), " ".join(b.split())
    return Levenshtein.distance(a, b) / max(1, len(b))


#: a short report that names a word three times and garbles it once (rnare: mare or more?)
HORSE_SALE = """At the sale yards on Monday the bay mare from Camden fetched forty guineas, and a young mare
in foal was bought by Mr Smith for the farm near the river. The grey horses and a chestnut
mare were passed in, the bidding being too low for the owner, who will offer them again.
Mr Brown then bought the grey rnare for thirty guineas."""


#: Lines an engine read right, as most lines of a page are: what a model trains on besides the
#: lines that show its lessons (a model needs a page's worth of text before it counts as
#: trained and its learned habits switch on; see ocrkit.correct.traits).
CLEAN_LINES = {
    "eng": [
        "The road to the village ran along the river for two miles.",
        "Every morning the baker opened his shop before the sun was up.",
        "She wrote to her brother about the harvest and the new school.",
        "The council met on Tuesday to discuss the price of coal.",
        "Children played in the square while their parents went to market.",
        "A letter arrived from the city with news of the election.",
        "The old bridge was repaired in the spring after the floods.",
        "He walked home through the fields as the light began to fade.",
        "Farmers brought their cattle to the fair in the autumn.",
        "The church bells rang at noon and again in the evening.",
        "Our neighbours kept a small garden behind their house.",
        "The train from the north was late because of the snow.",
        "Workers gathered at the gate to hear what the manager would say.",
        "The library lent books to anyone who lived in the parish.",
        "A storm in the night blew down several trees near the mill.",
        "The doctor called at the farm twice during the long winter.",
        "Boats returned to the harbour with a good catch of fish.",
        "The miller sold his flour to the bakers of three towns.",
    ],
    "fra": [
        "La route du village longeait la rivière pendant deux kilomètres.",
        "Chaque matin le boulanger ouvrait sa boutique avant le lever du soleil.",
        "Elle écrivit à son frère au sujet de la récolte et de la nouvelle école.",
        "Le conseil se réunit mardi pour discuter du prix du charbon.",
        "Les enfants jouaient sur la place pendant que leurs parents allaient au marché.",
        "Une lettre arriva de la ville avec des nouvelles de l'élection.",
        "Le vieux pont fut réparé au printemps après les inondations.",
        "Il rentra à pied par les champs quand la lumière commençait à baisser.",
        "Les paysans amenaient leur bétail à la foire en automne.",
        "Les cloches de l'église sonnaient à midi et encore le soir.",
        "Nos voisins avaient un petit jardin derrière leur maison.",
        "Le train du nord était en retard à cause de la neige.",
        "Les ouvriers se rassemblaient devant la porte pour écouter le directeur.",
        "La bibliothèque prêtait des livres à tous les habitants de la commune.",
        "Une tempête dans la nuit abattit plusieurs arbres près du moulin.",
        "Le médecin passa deux fois à la ferme pendant le long hiver.",
        "Les bateaux rentrèrent au port avec une bonne pêche.",
    ],
    "deu": [
        "Die Straße zum Dorf führte zwei Kilometer am Fluss entlang.",
        "Jeden Morgen öffnete der Bäcker seinen Laden vor Sonnenaufgang.",
        "Sie schrieb ihrem Bruder von der Ernte und der neuen Schule.",
        "Der Rat traf sich am Dienstag, um über den Preis der Kohle zu sprechen.",
        "Die Kinder spielten auf dem Platz, während die Eltern zum Markt gingen.",
        "Ein Brief kam aus der Stadt mit Nachrichten von der Wahl.",
        "Die alte Brücke wurde im Frühjahr nach dem Hochwasser repariert.",
        "Er ging durch die Felder nach Hause, als das Licht schwächer wurde.",
        "Die Bauern brachten ihr Vieh im Herbst auf den Markt.",
        "Die Glocken der Kirche läuteten am Mittag und wieder am Abend.",
        "Unsere Nachbarn hatten einen kleinen Garten hinter dem Haus.",
        "Der Zug aus dem Norden hatte wegen des Schnees Verspätung.",
        "Die Arbeiter versammelten sich am Tor, um den Leiter zu hören.",
        "Die Bibliothek lieh allen Bewohnern der Gemeinde Bücher aus.",
        "Ein Sturm in der Nacht warf mehrere Bäume bei der Mühle um.",
        "Der Arzt kam im langen Winter zweimal auf den Hof.",
        "Die Boote kehrten mit einem guten Fang in den Hafen zurück.",
    ],
    "nld": [
        "De weg naar het dorp liep twee kilometer langs de rivier.",
        "Elke ochtend opende de bakker zijn winkel voor zonsopgang.",
        "Zij schreef haar broer over de oogst en de nieuwe school.",
        "De raad kwam dinsdag bijeen om over de prijs van de kolen te praten.",
        "De kinderen speelden op het plein terwijl hun ouders naar de markt gingen.",
        "Er kwam een brief uit de stad met nieuws over de verkiezing.",
        "De oude brug werd in het voorjaar na de overstroming hersteld.",
        "Hij liep door de velden naar huis toen het licht begon te verdwijnen.",
        "De boeren brachten hun vee in de herfst naar de markt.",
        "De klokken van de kerk luidden om twaalf uur en weer in de avond.",
        "Onze buren hadden een kleine tuin achter hun huis.",
        "De trein uit het noorden had vertraging door de sneeuw.",
        "De arbeiders verzamelden zich bij de poort om de directeur te horen.",
        "De bibliotheek leende boeken uit aan alle inwoners van het dorp.",
        "Een storm in de nacht blies verscheidene bomen bij de molen omver.",
        "De dokter kwam in de lange winter twee keer op de boerderij.",
        "De boten keerden met een goede vangst terug naar de haven.",
    ],
}


def clean_pairs(lang: str) -> list[tuple[str, str]]:
    """A page's worth of lines the engine read right, as (ocr, ground truth) pairs."""
    return [(line, line) for line in CLEAN_LINES[lang]]


def trained(lang: str, lessons: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A model fitted, without tuning, on ``lessons`` among a page of lines read right."""
    from ocrkit import PostProcessor

    return PostProcessor(lang=lang).fit(lessons + clean_pairs(lang), tune=False)


@contextlib.contextmanager
def live_server(**options: Any) -> Iterator[str]:
    """The web app (``create_app(**options)``) served by uvicorn on a free loopback port, for the
    duration: its base URL."""
    import uvicorn

    from ocrkit.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(**options), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def render_lines(lines: list[str], size: int = 28, font: str = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"):  # type: ignore[no-untyped-def]
    """A white page with ``lines`` printed in black, one under the other (a gray PIL image)."""
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(font, size)
    width = int(max(face.getlength(line) for line in lines)) + 80
    img = Image.new("L", (width, 60 + int(size * 1.6) * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 30 + int(size * 1.6) * i), line, fill=0, font=face)
    return img


def wait_for_pages(journal: Path, n: int, seconds: float = 60) -> int:
    """Wait until a running batch's journal holds ``n`` pages (or time runs out): how many it holds."""
    deadline, done = time.time() + seconds, 0
    while time.time() < deadline and done < n:
        time.sleep(0.1)
        if journal.exists():
            try:
                with sqlite3.connect(journal) as db:
                    done = db.execute("SELECT count(*) FROM pages").fetchone()[0]
            except sqlite3.Error:
                pass
    return done
