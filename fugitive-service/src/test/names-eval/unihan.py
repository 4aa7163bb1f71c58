"""Reads the Unihan data shipped by Debian's unicode-data package (Unicode Character Database 15.0)."""
import bz2
import unicodedata

UNIHAN = "/usr/share/unicode/"


def _rows(name):
    with bz2.open(UNIHAN + name, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t", 2)
            yield chr(int(code[2:], 16)), field, value


def load():
    mandarin, cantonese, simplified, traditional = {}, {}, {}, {}
    for ch, field, value in _rows("Unihan_Readings.txt.bz2"):
        if field == "kMandarin":
            mandarin[ch] = toneless(value.split()[0])
        elif field == "kCantonese":
            cantonese[ch] = value.split()[0].rstrip("123456")
    for ch, field, value in _rows("Unihan_Variants.txt.bz2"):
        if field == "kSimplifiedVariant":
            simplified[ch] = chr(int(value.split()[0][2:].split("<")[0], 16))
        elif field == "kTraditionalVariant":
            traditional[ch] = chr(int(value.split()[0][2:].split("<")[0], 16))
    return mandarin, cantonese, simplified, traditional


def toneless(pinyin):
    s = unicodedata.normalize("NFD", pinyin)
    s = s.replace("\u0308", "\u0000")  # keep ü apart from u
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("u\u0000", "v").replace("\u0000", "")
