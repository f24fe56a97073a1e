"""Link-preview images: a 1200×630 PNG card with a record's title, its university and the
colours of its Sustainable Development Goals.

Social networks and messengers show this picture when a portal link is pasted and the record
has no photo of its own. Drawn with Pillow in DejaVu Sans, which has the Kazakh letters.
"""

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BRAND = (11, 93, 87)
INK = (27, 31, 36)
MUTED = (74, 85, 96)
PAPER = (255, 255, 255)
# The UN's published colours of the 17 goals, in order.
SDG_COLOURS = (
    "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942",
    "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D",
    "#19486A",
)  # fmt: skip
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    # matplotlib (a dependency of the indicator charts) ships the same family.
    Path(__import__("matplotlib").get_data_path()) / "fonts" / "ttf",
)


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    raise FileNotFoundError(name)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int) -> list[str]:
    """Break `text` into at most `lines` lines no wider than `width`, with "…" if cut."""
    words, out, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
            continue
        if line:
            out.append(line)
        line = word
        if len(out) == lines:
            break
    if line and len(out) < lines:
        out.append(line)
    shown = " ".join(out)
    if len(shown) < len(" ".join(words)) and out:
        last = out[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out


def render_card(*, title: str, subtitle: str, label: str, sdgs=()) -> bytes:
    """The card as PNG bytes: a label (what the record is), its title, its university, and a
    band of SDG colours along the bottom (the brand colour when it has none)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 18), fill=BRAND)
    margin = 72
    draw.text((margin, 70), label.upper(), font=_font(30, bold=True), fill=BRAND)
    heading = _font(60, bold=True)
    y = 130
    for line in _wrap(draw, title, heading, WIDTH - 2 * margin, 4):
        draw.text((margin, y), line, font=heading, fill=INK)
        y += 76
    small = _font(34)
    for line in _wrap(draw, subtitle, small, WIDTH - 2 * margin, 2):
        draw.text((margin, max(y + 20, 430)), line, font=small, fill=MUTED)
        y += 44
    goals = [int(g) for g in sdgs if str(g).isdigit() and 1 <= int(g) <= 17]
    colours = [SDG_COLOURS[g - 1] for g in goals] or ["#0B5D57"]
    band = WIDTH / len(colours)
    for index, colour in enumerate(colours):
        left = round(index * band)
        draw.rectangle((left, HEIGHT - 70, round((index + 1) * band), HEIGHT), fill=colour)
        if goals:
            draw.text(
                (left + 16, HEIGHT - 56), str(goals[index]), font=_font(34, bold=True), fill=PAPER
            )
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
