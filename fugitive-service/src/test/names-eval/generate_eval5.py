"""Generates the fifth evaluation set (eval5, issue 14) and splits it once, at random, into a development half and a
sealed half.

    python3 generate_eval5.py   (needs Debian's unicode-data package for Unihan; writes ../resources/names/eval5-*.tsv)

Why a fifth set: the matcher was changed after eval4's sealed half had been read (part-frequency weights, search keys
for every reading), so no held-out figure existed for it. This set draws every distinguishing name part from lists5.py
(names absent from lists.py and lists4.py, from the sources its docstring names; checked below) and covers every
language of the matcher, with about half hard negatives:
- ko: Hangul against Revised Romanization, McCune-Reischauer and passport spellings (either order, given name joined,
  hyphenated or apart); negatives: one given syllable changed (siblings share a generation syllable), birth years 3-20
  apart, two people sharing only a common family name (김/이/박) and date of birth.
- zh: Han (traditional or simplified) against Pinyin, Wade-Giles, Hong Kong Cantonese and Hokkien spellings;
  simplified against traditional (true); same reading written with other characters, both sides in Han (false);
  one syllable changed; birth years; common family name only (王/李/張/陳).
- th: Thai script with or without a title (นาย, นาง, นางสาว, น.ส.; joined or spaced) against RTGS or passport spellings,
  family name first in capitals or comma form, Mr/Mrs/Miss/Ms; negatives: other given name (a near one when there is),
  other family name, birth years.
- km: Khmer script against customary spellings in either order; other given or family name; birth years.
- my: Burmese script with or without honorific against customary spellings (syllables split or joined, honorific in
  Latin) or MLCTS; one syllable changed (in Latin or in script); birth years.
- vi: with diacritics against with or without, family name first or last; tone-mark twins (both marked: false); other
  given name; birth years; Nguyễn/Trần/Lê + Văn/Thị shared only.
- id-ms: modern against pre-1972 spelling; one part changed; bin/binti with spelling variants and abbreviated or
  dropped markers (true), the inverted patronymic and another father (false); birth years.
- fil: given, middle (mother's family name) and family name, against the comma form, middle initial, no middle name,
  particles spaced or joined, Ma. for Maria (true); another middle or given name; birth years.
Nothing here calls or copies the matcher. Every pair of the earlier sets and of pairs.tsv (either order) is left out.
"""
from pathlib import Path

import evalset
import lists as L
import lists4 as L4
import lists5 as L5
import romanise as R
import unihan
from evalset import cap, plain

OUT = Path(__file__).resolve().parent.parent / "resources" / "names"
SEED, SPLIT_SEED = 202612075, 512907
EARLIER = [OUT / "retired" / "eval1-dev.tsv", OUT / "retired" / "eval1-sealed.tsv", OUT / "pairs.tsv"] + [
    OUT / f"eval{n}-{half}.tsv" for n in (2, 3, 4) for half in ("dev", "sealed")]

N = L5
DRAW = evalset.Draw(SEED)
rnd = DRAW.rnd


def use(lists, draw):
    """Draws from another list module of the same shape, with another random source (generate_eval6.py)."""
    global N, DRAW, rnd, ZH_GIVEN, ZH_CHARS, th_script, th_latin
    N, DRAW, rnd = lists, draw, draw.rnd
    ZH_GIVEN = [c for c in N.ZH_GIVEN if c in MANDARIN and c in CANTONESE]
    ZH_CHARS = sorted(set(N.ZH_SURNAMES + ZH_GIVEN))
    th_script, th_latin = DRAW.thai_script, DRAW.thai_latin
MANDARIN, CANTONESE, TO_SIMPLIFIED, TO_TRADITIONAL = unihan.load()


def check_new_names():
    """Every name part of lists5 in its role is absent from the earlier lists (written forms for scripts)."""
    roles = [
        ([s[0] for s in N.KO_SURNAMES], [s[0] for s in L.KO_SURNAMES]),
        (N.KO_GIVEN, L.KO_GIVEN + L4.KO_GIVEN),
        (N.ZH_SURNAMES + N.ZH_GIVEN, L.ZH_SURNAMES + L.ZH_GIVEN + L4.ZH_GIVEN),
        ([n[0] for n in N.TH_GIVEN + N.TH_SURNAMES], [n[0] for n in L.TH_GIVEN + L.TH_SURNAMES + L4.TH_GIVEN + L4.TH_SURNAMES]),
        ([n[0] for n in N.KM_GIVEN + N.KM_SURNAMES], [n[0] for n in L.KM_GIVEN + L.KM_SURNAMES]),
        ([s[0] for s in N.MY_SYLLABLES], [s[0] for s in L.MY_SYLLABLES + L4.MY_SYLLABLES]),
        (N.VI_SURNAMES + N.VI_MIDDLE + N.VI_GIVEN + [b for _, b in N.VI_TONE_TWINS],
         L.VI_SURNAMES + L.VI_MIDDLE + L.VI_GIVEN + [x for t in L.VI_TONE_TWINS for x in t] + L4.VI_GIVEN),
        (N.ID_NAMES + N.MS_MALE + N.MS_FEMALE, L.ID_NAMES + L.MS_MALE + L.MS_FEMALE),
        (N.PH_GIVEN + N.PH_SURNAMES, L.PH_GIVEN + L.PH_SURNAMES),
    ]
    for new, old in roles:
        seen = set(old) | {TO_TRADITIONAL.get(c, c) for c in old} | {TO_SIMPLIFIED.get(c, c) for c in old}
        assert not set(new) & seen, sorted(set(new) & seen)


# ------------------------------------------------------------------------------------------------ Korean
KO_COMMON = {s[0]: s for s in L.KO_SURNAMES if s[0] in L4.KO_COMMON}


def ko_latin(sur, given):
    hangul, mr, spellings = sur
    style = rnd.choice(["rr", "mr", "passport", "passport"])
    if style == "rr":
        family = cap("".join(R.rr(c) for c in hangul)) if rnd.random() < 0.5 else spellings[0]
        syls = [R.rr(c) for c in given]
    elif style == "mr":
        plain_mr = rnd.random() < 0.5
        family = mr.replace("ŏ", "o").replace("ŭ", "u").replace("'", "") if plain_mr else mr
        syls = [s.replace("'", "") if plain_mr else s for s in R.mr_given(list(given), breves=not plain_mr)]
    else:
        family = rnd.choice(spellings)
        syls = [R.customary(R.rr(c), rnd) for c in given]
    glue = rnd.choice(["-", "", " "])
    written = " ".join(cap(s) for s in syls) if glue == " " else cap(glue.join(syls))
    return DRAW.upper_maybe(f"{family} {written}" if rnd.random() < 0.7 else f"{written} {family}")


def korean(n):
    for _ in range(n):
        sur = rnd.choice(N.KO_SURNAMES)
        given = "".join(rnd.sample(N.KO_GIVEN, 2))
        hangul = sur[0] + given
        common = KO_COMMON[rnd.choice(sorted(KO_COMMON))]
        r = rnd.random()
        if r < 0.4:
            da, db = DRAW.positive_dates()
            DRAW.add("ko", True, hangul, da, ko_latin(sur, given), db, "pos:hangul-latin")
        elif r < 0.45:
            da, db = DRAW.positive_dates()
            DRAW.add("ko", True, ko_latin(sur, given), da, ko_latin(sur, given), db, "pos:latin-latin")
        elif r < 0.52:
            da, db = DRAW.positive_dates()
            DRAW.add("ko", True, common[0] + given, da, ko_latin(common, given), db, "pos:common-parts")
        elif r < 0.7:
            # Siblings and cousins share a generation syllable: the other one differs.
            other = list(given)
            other[rnd.randrange(2)] = rnd.choice([c for c in N.KO_GIVEN if c not in given])
            other = "".join(other)
            da, db = DRAW.same_dates()
            if rnd.random() < 0.5:
                DRAW.add("ko", False, hangul, da, ko_latin(sur, other), db, "neg-hard:one-syllable")
            else:
                DRAW.add("ko", False, hangul, da, sur[0] + other, db, "neg-hard:one-syllable-same-script")
        elif r < 0.83:
            da, db = DRAW.conflicting_dates()
            DRAW.add("ko", False, hangul, da, ko_latin(sur, given), db, "neg-hard:birth-year")
        else:
            other = "".join(rnd.sample([c for c in N.KO_GIVEN if c not in given], 2))
            da, db = DRAW.same_dates()
            b = ko_latin(common, other) if rnd.random() < 0.6 else common[0] + other
            DRAW.add("ko", False, common[0] + given, da, b, db, "neg-hard:common-parts-only")


# ------------------------------------------------------------------------------------------------ Chinese
ZH_GIVEN = [c for c in N.ZH_GIVEN if c in MANDARIN and c in CANTONESE]
ZH_CHARS = sorted(set(N.ZH_SURNAMES + ZH_GIVEN))


def traditional(c):
    return TO_TRADITIONAL.get(c, c)


def simplified(s):
    return "".join(TO_SIMPLIFIED.get(c, c) for c in s)


def sounds_alike(c):
    """Characters of lists5 read the same as c in Mandarin (toneless) or Cantonese, not c or a variant of it."""
    return [d for d in ZH_CHARS if traditional(d) != traditional(c) and simplified(d) != simplified(c)
            and (MANDARIN[d] == MANDARIN[c] or CANTONESE[d] == CANTONESE[c])]


def zh_spell(c, system):
    if system == "pinyin":
        return MANDARIN[c].replace("v", "u")
    if system == "wade-giles":
        return R.wade_giles(MANDARIN[c])
    if system == "cantonese":
        return R.hong_kong(CANTONESE[c])
    return rnd.choice(N.ZH_HOKKIEN[c])


def zh_latin(family, given, system):
    f, g = zh_spell(family, system), [zh_spell(c, system) for c in given]
    if system == "wade-giles" and rnd.random() < 0.5:
        f, g = f.replace("'", "").replace("ü", "u"), [x.replace("'", "").replace("ü", "u") for x in g]
    glue = {"pinyin": ["", "", " "], "wade-giles": ["-", "-", " "], "cantonese": [" ", "-"], "hokkien": [" "]}[system]
    glue = rnd.choice(glue)
    written = " ".join(cap(x) for x in g) if glue == " " else cap(glue.join(g))
    return DRAW.upper_maybe(f"{cap(f)} {written}" if rnd.random() < 0.75 else f"{written} {cap(f)}")


def zh_han(s):
    return simplified(s) if rnd.random() < 0.5 else s


def chinese(n):
    made = 0
    while made < n:
        # A quarter in Hokkien: names whose every character has a Hokkien spelling in lists5.
        system = rnd.choice(["pinyin", "pinyin", "wade-giles", "wade-giles", "cantonese", "cantonese", "hokkien",
                             "hokkien"])
        chars = [c for c in ZH_GIVEN if system != "hokkien" or c in N.ZH_HOKKIEN]
        family = rnd.choice([c for c in N.ZH_SURNAMES if system != "hokkien" or c in N.ZH_HOKKIEN])
        given = "".join(rnd.sample(chars, 2 if rnd.random() < 0.8 else 1))
        r = rnd.random()
        if r < 0.38:
            da, db = DRAW.positive_dates()
            DRAW.add("zh", True, zh_han(family + given), da, zh_latin(family, given, system), db, "pos:han-" + system)
        elif r < 0.45:
            if simplified(family + given) == family + given:
                continue
            da, db = DRAW.positive_dates()
            DRAW.add("zh", True, simplified(family + given), da, family + given, db, "pos:simplified-traditional")
        elif r < 0.5:
            da, db = DRAW.positive_dates()
            DRAW.add("zh", True, zh_latin(family, given, system), da, zh_latin(family, given, "pinyin"), db,
                     "pos:latin-" + system)
        elif r < 0.66:
            chars = list(family + given)
            i = rnd.randrange(len(chars))
            alike = sounds_alike(chars[i])
            if not alike:
                continue
            chars[i] = rnd.choice(alike)
            da, db = DRAW.same_dates()
            DRAW.add("zh", False, zh_han(family + given), da, zh_han("".join(chars)), db,
                     "neg-hard:same-reading-other-characters")
        elif r < 0.8:
            i = rnd.randrange(len(given))
            pool = [c for c in ZH_GIVEN if MANDARIN[c] != MANDARIN[given[i]] and c not in given
                    and (system != "hokkien" or c in N.ZH_HOKKIEN)]
            other = given[:i] + rnd.choice(pool) + given[i + 1:]
            da, db = DRAW.same_dates()
            DRAW.add("zh", False, zh_han(family + given), da, zh_latin(family, other, system), db,
                     "neg-hard:one-syllable-" + system)
        elif r < 0.92:
            da, db = DRAW.conflicting_dates()
            DRAW.add("zh", False, zh_han(family + given), da, zh_latin(family, given, system), db,
                     "neg-hard:birth-year-" + system)
        else:
            common = rnd.choice(N.ZH_COMMON)
            other = "".join(rnd.sample([c for c in ZH_GIVEN if c not in given], len(given)))
            da, db = DRAW.same_dates()
            b = zh_latin(common, other, "pinyin") if rnd.random() < 0.5 else zh_han(common + other)
            DRAW.add("zh", False, zh_han(common + given), da, b, db, "neg-hard:common-parts-only")
        made += 1


# ------------------------------------------------------------------------------------------------ Thai
th_script, th_latin = DRAW.thai_script, DRAW.thai_latin


def th_near(given):
    """Another given name, one that starts alike when there is one (สุ-, ศิริ-, ธ-)."""
    near = [g for g in N.TH_GIVEN if g != given and g[1][:3] == given[1][:3]]
    return rnd.choice(near) if near and rnd.random() < 0.7 else rnd.choice([g for g in N.TH_GIVEN if g != given])


def thai(n):
    for _ in range(n):
        given, family, title = rnd.choice(N.TH_GIVEN), rnd.choice(N.TH_SURNAMES), rnd.choice(N.TH_TITLES)
        system = "rtgs" if rnd.random() < 0.3 else "passport"
        r = rnd.random()
        if r < 0.5:
            da, db = DRAW.positive_dates()
            DRAW.add("th", True, th_script(given, family, title), da, th_latin(given, family, title, system), db,
                     "pos:thai-" + system)
        elif r < 0.7:
            other = th_near(given)
            da, db = DRAW.same_dates()
            if rnd.random() < 0.7:
                DRAW.add("th", False, th_script(given, family, title), da, th_latin(other, family, title, system), db,
                         "neg-hard:other-given-same-surname")
            else:
                DRAW.add("th", False, th_script(given, family, title), da, th_script(other, family, title), db,
                         "neg-hard:other-given-same-script")
        elif r < 0.8:
            other = rnd.choice([f for f in N.TH_SURNAMES if f != family])
            da, db = DRAW.same_dates()
            DRAW.add("th", False, th_script(given, family, title), da, th_latin(given, other, title, system), db,
                     "neg-hard:other-surname-same-given")
        else:
            da, db = DRAW.conflicting_dates()
            DRAW.add("th", False, th_script(given, family, title), da, th_latin(given, family, title, system), db,
                     "neg-hard:birth-year")


# ------------------------------------------------------------------------------------------------ Khmer
def km_latin(family, given):
    f, g = rnd.choice(family[1]), rnd.choice(given[1])
    return DRAW.upper_maybe(f"{f} {g}" if rnd.random() < 0.6 else f"{g} {f}")


def khmer(n):
    for _ in range(n):
        family, given = rnd.choice(N.KM_SURNAMES), rnd.choice(N.KM_GIVEN)
        script = f"{family[0]} {given[0]}"
        r = rnd.random()
        if r < 0.5:
            da, db = DRAW.positive_dates()
            DRAW.add("km", True, script, da, km_latin(family, given), db, "pos:khmer-latin")
        elif r < 0.7:
            other = rnd.choice([g for g in N.KM_GIVEN if g != given])
            da, db = DRAW.same_dates()
            b = km_latin(family, other) if rnd.random() < 0.7 else f"{family[0]} {other[0]}"
            DRAW.add("km", False, script, da, b, db, "neg-hard:other-given-same-surname")
        elif r < 0.8:
            other = rnd.choice([f for f in N.KM_SURNAMES if f != family])
            da, db = DRAW.same_dates()
            DRAW.add("km", False, script, da, km_latin(other, given), db, "neg-hard:other-surname-same-given")
        else:
            da, db = DRAW.conflicting_dates()
            DRAW.add("km", False, script, da, km_latin(family, given), db, "neg-hard:birth-year")


# ------------------------------------------------------------------------------------------------ Burmese
def my_script(syls, honorific):
    return (honorific[0] if rnd.random() < 0.5 else "") + "".join(s[0] for s in syls)


def my_latin(syls, honorific, system):
    parts = [s[1] if system == "mlcts" else rnd.choice(s[2]) for s in syls]
    words = []
    for p in parts:
        # Customary writing splits syllables or joins a syllable to the one before (Nilar, Myatthu).
        if words and rnd.random() < 0.3:
            words[-1] += p.lower()
        else:
            words.append(cap(p))
    name = " ".join(words)
    if rnd.random() < 0.4:
        name = rnd.choice(honorific[1]) + " " + name
    return DRAW.upper_maybe(name)


def burmese(n):
    for _ in range(n):
        syls = [rnd.choice(N.MY_SYLLABLES) for _ in range(rnd.choice([2, 2, 3, 3, 4]))]
        honorific = rnd.choice(N.MY_HONORIFICS[rnd.choice(["male", "female"])])
        system = "mlcts" if rnd.random() < 0.3 else "customary"
        r = rnd.random()
        if r < 0.5:
            da, db = DRAW.positive_dates()
            DRAW.add("my", True, my_script(syls, honorific), da, my_latin(syls, honorific, system), db,
                     "pos:burmese-" + system)
        elif r < 0.75:
            i = rnd.randrange(len(syls))
            swap = rnd.choice([s for s in N.MY_SYLLABLES if s[1] != syls[i][1] and not set(s[2]) & set(syls[i][2])])
            other = syls[:i] + [swap] + syls[i + 1:]
            da, db = DRAW.same_dates()
            if rnd.random() < 0.7:
                DRAW.add("my", False, my_script(syls, honorific), da, my_latin(other, honorific, system), db,
                         "neg-hard:one-syllable-changed")
            else:
                DRAW.add("my", False, my_script(syls, honorific), da, my_script(other, honorific), db,
                         "neg-hard:one-syllable-changed-same-script")
        else:
            da, db = DRAW.conflicting_dates()
            DRAW.add("my", False, my_script(syls, honorific), da, my_latin(syls, honorific, system), db,
                     "neg-hard:birth-year")


# ------------------------------------------------------------------------------------------------ Vietnamese
def vi_write(family, middle, given, marks):
    parts = [family, middle, given] if marks else [plain(family), plain(middle), plain(given)]
    name = " ".join(parts) if rnd.random() < 0.7 else f"{parts[1]} {parts[2]} {parts[0]}"
    return DRAW.upper_maybe(name)


def vietnamese(n):
    for _ in range(n):
        family, middle, given = rnd.choice(N.VI_SURNAMES), rnd.choice(N.VI_MIDDLE), rnd.choice(N.VI_GIVEN)
        r = rnd.random()
        if r < 0.4:
            da, db = DRAW.positive_dates()
            DRAW.add("vi", True, vi_write(family, middle, given, True), da,
                     vi_write(family, middle, given, rnd.random() < 0.4), db, "pos:marks-or-not")
        elif r < 0.5:
            family, middle = rnd.choice(N.VI_COMMON)
            da, db = DRAW.positive_dates()
            DRAW.add("vi", True, vi_write(family, middle, given, True), da,
                     vi_write(family, middle, given, rnd.random() < 0.4), db, "pos:common-parts")
        elif r < 0.62:
            a, b = rnd.choice(N.VI_TONE_TWINS)[::rnd.choice([1, -1])]
            da, db = DRAW.same_dates()
            DRAW.add("vi", False, vi_write(family, middle, a, True), da, vi_write(family, middle, b, True), db,
                     "neg-hard:tone-marks-both-written")
        elif r < 0.74:
            other = rnd.choice([g for g in N.VI_GIVEN if plain(g) != plain(given)])
            da, db = DRAW.same_dates()
            DRAW.add("vi", False, vi_write(family, middle, given, True), da,
                     vi_write(family, middle, other, rnd.random() < 0.5), db, "neg-hard:other-given")
        elif r < 0.87:
            da, db = DRAW.conflicting_dates()
            DRAW.add("vi", False, vi_write(family, middle, given, True), da,
                     vi_write(family, middle, given, rnd.random() < 0.5), db, "neg-hard:birth-year")
        else:
            family, middle = rnd.choice(N.VI_COMMON)
            other = rnd.choice([g for g in N.VI_GIVEN if plain(g) != plain(given)])
            da, db = DRAW.same_dates()
            DRAW.add("vi", False, vi_write(family, middle, given, True), da,
                     vi_write(family, middle, other, rnd.random() < 0.5), db, "neg-hard:common-parts-only")


# ------------------------------------------------------------------------------------------------ Indonesian
# The 1972 reform (Ejaan Yang Disempurnakan) replaced these spellings; written back, longest first.
OLD_SPELLING = [("kh", "ch"), ("ny", "nj"), ("sy", "sj"), ("j", "dj"), ("y", "j"), ("c", "tj"), ("u", "oe")]


def old_spelling(word):
    out, i, w = [], 0, word.lower()
    while i < len(w):
        for modern, old in OLD_SPELLING:
            if w.startswith(modern, i):
                out.append(old)
                i += len(modern)
                break
        else:
            out.append(w[i])
            i += 1
    return cap("".join(out))


def indonesian(n):
    for _ in range(n):
        parts = rnd.sample(N.ID_NAMES, rnd.choice([1, 2, 2, 3]))
        modern = " ".join(parts)
        old = " ".join(old_spelling(p) if rnd.random() < 0.85 else p for p in parts)
        r = rnd.random()
        if r < 0.5:
            da, db = DRAW.positive_dates()
            DRAW.add("id-ms", True, modern, da, DRAW.upper_maybe(old), db, "pos:old-spelling")
        elif r < 0.7:
            other = list(parts)
            other[rnd.randrange(len(parts))] = rnd.choice([p for p in N.ID_NAMES if p not in parts])
            da, db = DRAW.same_dates()
            DRAW.add("id-ms", False, modern, da, " ".join(old_spelling(p) for p in other), db, "neg-hard:one-part")
        else:
            da, db = DRAW.conflicting_dates()
            DRAW.add("id-ms", False, modern, da, old, db, "neg-hard:birth-year")


# ------------------------------------------------------------------------------------------------ Malay
def ms_spelling(name):
    return rnd.choice(N.MS_VARIANTS.get(name, []) + [name])


def malay(n):
    for _ in range(n):
        female = rnd.random() < 0.4
        own = rnd.choice(N.MS_FEMALE if female else N.MS_MALE)
        father = rnd.choice([m for m in N.MS_MALE if m != own])
        marker = "binti" if female else "bin"
        full = f"{own} {marker} {father}"
        r = rnd.random()
        if r < 0.5:
            written = rnd.choice(N.MS_MARKERS[marker] + [""])
            other = " ".join(p for p in (ms_spelling(own), written, ms_spelling(father)) if p)
            da, db = DRAW.positive_dates()
            DRAW.add("id-ms", True, full, da, DRAW.upper_maybe(other), db, "pos:patronymic")
        elif r < 0.65 and not female:
            da, db = DRAW.same_dates()
            DRAW.add("id-ms", False, full, da, f"{father} bin {own}", db, "neg-hard:patronymic-inverted")
        elif r < 0.85:
            other = rnd.choice([m for m in N.MS_MALE if m not in (own, father)])
            da, db = DRAW.same_dates()
            DRAW.add("id-ms", False, full, da, f"{own} {marker} {other}", db, "neg-hard:other-father")
        else:
            da, db = DRAW.conflicting_dates()
            DRAW.add("id-ms", False, full, da, full, db, "neg-hard:birth-year")


# ------------------------------------------------------------------------------------------------ Filipino
PARTICLES = ("De ", "Dela ", "Delos ", "Del ", "San ")


def ph_form(given, middle, family, form):
    if form == "comma":
        return f"{family.upper()}, {given} {middle}"
    if form == "initial":
        return f"{given} {middle[0]}. {family}"
    if form == "no-middle":
        return f"{given} {family}"
    if form == "particle":
        joined = family.replace(" ", "") if rnd.random() < 0.5 else family[0].lower() + family[1:]
        return f"{given} {middle} {joined}"
    if form == "ma":
        return f"{given.replace('Maria ', 'Ma. ')} {middle} {family}"
    return f"{given} {middle} {family}"


def filipino(n):
    for _ in range(n):
        given = rnd.choice(N.PH_GIVEN)
        middle, family = rnd.sample(N.PH_SURNAMES, 2)
        full = ph_form(given, middle, family, "full")
        forms = ["comma", "comma", "initial", "no-middle"]
        forms += ["particle"] * 2 if family.startswith(PARTICLES) else []
        forms += ["ma"] * 2 if given.startswith("Maria ") else []
        r = rnd.random()
        if r < 0.5:
            da, db = DRAW.positive_dates()
            DRAW.add("fil", True, full, da, ph_form(given, middle, family, rnd.choice(forms)), db, "pos:filipino-forms")
        elif r < 0.7:
            other = rnd.choice([s for s in N.PH_SURNAMES if s not in (middle, family)])
            da, db = DRAW.same_dates()
            DRAW.add("fil", False, full, da, ph_form(given, other, family, rnd.choice(["full", "comma"])), db,
                     "neg-hard:other-middle-name")
        elif r < 0.8:
            other = rnd.choice([g for g in N.PH_GIVEN if g != given])
            da, db = DRAW.same_dates()
            DRAW.add("fil", False, full, da, ph_form(other, middle, family, rnd.choice(["full", "comma"])), db,
                     "neg-hard:other-given")
        else:
            da, db = DRAW.conflicting_dates()
            DRAW.add("fil", False, full, da, ph_form(given, middle, family, rnd.choice(["full", "comma", "initial"])), db,
                     "neg-hard:birth-year")


if __name__ == "__main__":
    check_new_names()
    korean(200)
    chinese(260)
    thai(220)
    khmer(160)
    burmese(200)
    vietnamese(160)
    indonesian(80)
    malay(80)
    filipino(140)
    evalset.leave_out_and_split(DRAW.rows, EARLIER, OUT, "eval5", "generate_eval5.py", SEED, SPLIT_SEED,
                                "NameMatchingEval5SealedTest and Eval5SealedHalfOverGrpcTest")
