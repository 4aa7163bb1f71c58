"""Generates the fourth evaluation set (eval4, issue 14) and splits it once, at random, into a development half and a
sealed half.

    python3 generate_eval4.py   (needs Debian's unicode-data package for Unihan; writes ../resources/names/eval4-*.tsv)

Why a fourth set: eval3's sealed half has been read, and eval2/eval3 were drawn from one set of name lists (lists.py),
so they test new combinations of known name parts. This set draws its names from lists4.py (other names, other
sources: see its docstring) and aims at the kinds issue 14 still lists as missing:
- Thai names in Thai script (title นาย/นาง/นางสาว joined, spaced or absent) against their passport spellings and their
  RTGS form; hard negatives with another given name or family name, and birth-year conflicts.
- Burmese names (honorifics in script or Latin, or none) against customary spellings with syllables split or joined
  and against MLCTS; hard negatives with one syllable changed, and birth-year conflicts.
- Part frequency: two people who share only the most common parts (Nguyễn Văn / Nguyễn Thị, 김/이/박, 王/李/張/陳) with
  the same date of birth and a different given name (hard negatives), against the same person written in another
  script or system (true pairs).
Nothing here calls or copies the matcher. Every pair of the earlier sets and of pairs.tsv (either order) is left out.
"""
from pathlib import Path

import evalset
import lists as L
import lists4 as L4
import romanise as R
import unihan

OUT = Path(__file__).resolve().parent.parent / "resources" / "names"
SEED, SPLIT_SEED = 202612074, 412207
EARLIER = [OUT / "retired" / "eval1-dev.tsv", OUT / "retired" / "eval1-sealed.tsv", OUT / "eval2-dev.tsv",
           OUT / "eval2-sealed.tsv", OUT / "eval3-dev.tsv", OUT / "eval3-sealed.tsv", OUT / "pairs.tsv"]

DRAW = evalset.Draw(SEED)
rnd, rows = DRAW.rnd, DRAW.rows
dob, positive_dates, same_dates = DRAW.dob, DRAW.positive_dates, DRAW.same_dates
conflicting_dates, add, upper_maybe = DRAW.conflicting_dates, DRAW.add, DRAW.upper_maybe
cap, plain = evalset.cap, evalset.plain
MANDARIN, CANTONESE, TO_SIMPLIFIED, TO_TRADITIONAL = unihan.load()


# ------------------------------------------------------------------------------------------------ Thai
th_script, th_latin = DRAW.thai_script, DRAW.thai_latin


def thai(n):
    for _ in range(n):
        given, sur, title = rnd.choice(L4.TH_GIVEN), rnd.choice(L4.TH_SURNAMES), rnd.choice(L4.TH_TITLES)
        system = "rtgs" if rnd.random() < 0.3 else "passport"
        r = rnd.random()
        if r < 0.55:
            da, db = positive_dates()
            add("th", True, th_script(given, sur, title), da, th_latin(given, sur, title, system), db, "pos:thai-" + system)
        elif r < 0.75:
            other = rnd.choice([g for g in L4.TH_GIVEN if g != given])
            da, db = same_dates()
            if rnd.random() < 0.75:
                add("th", False, th_script(given, sur, title), da, th_latin(other, sur, title, system), db, "neg-hard:other-given-same-surname")
            else:
                add("th", False, th_script(given, sur, title), da, th_script(other, sur, title), db, "neg-hard:other-given-same-script")
        elif r < 0.9:
            da, db = conflicting_dates()
            add("th", False, th_script(given, sur, title), da, th_latin(given, sur, title, system), db, "neg-hard:birth-year")
        else:
            other = rnd.choice([s for s in L4.TH_SURNAMES if s != sur])
            da, db = same_dates()
            add("th", False, th_script(given, sur, title), da, th_latin(given, other, title, system), db, "neg-hard:other-surname-same-given")


# ------------------------------------------------------------------------------------------------ Burmese
def my_name():
    k = rnd.choice([2, 2, 3, 3, 4])
    return [rnd.choice(L4.MY_SYLLABLES) for _ in range(k)], rnd.choice(["male", "female"])


def my_script(syls, sex):
    h = rnd.choice(L4.MY_HONORIFICS[sex])
    return (h[0] if rnd.random() < 0.5 else "") + "".join(s[0] for s in syls)


def my_latin(syls, sex, system):
    if system == "mlcts":
        parts = [s[1] for s in syls]
    else:
        parts = [rnd.choice(s[2]) for s in syls]
    # Customary writing splits every syllable, or joins some neighbours (Nilar, Zeyar Lin).
    words, i = [], 0
    while i < len(parts):
        if i + 1 < len(parts) and rnd.random() < 0.3:
            words.append(cap(parts[i]) + parts[i + 1].lower())
            i += 2
        else:
            words.append(cap(parts[i]))
            i += 1
    name = " ".join(words)
    if rnd.random() < 0.4:
        name = rnd.choice(L4.MY_HONORIFICS[sex])[1] + " " + name
    return upper_maybe(name)


def my_other(syls):
    i = rnd.randrange(len(syls))
    while True:
        s = rnd.choice(L4.MY_SYLLABLES)
        if s[0] != syls[i][0] and set(s[2]).isdisjoint(syls[i][2]):
            return syls[:i] + [s] + syls[i + 1:]


def burmese(n):
    for _ in range(n):
        syls, sex = my_name()
        system = "mlcts" if rnd.random() < 0.3 else "customary"
        r = rnd.random()
        if r < 0.55:
            da, db = positive_dates()
            add("my", True, my_script(syls, sex), da, my_latin(syls, sex, system), db, "pos:burmese-" + system)
        elif r < 0.8:
            da, db = same_dates()
            other = my_other(syls)
            if rnd.random() < 0.75:
                add("my", False, my_script(syls, sex), da, my_latin(other, sex, system), db, "neg-hard:one-syllable-changed")
            else:
                add("my", False, my_script(syls, sex), da, my_script(other, sex), db, "neg-hard:one-syllable-changed-same-script")
        else:
            da, db = conflicting_dates()
            add("my", False, my_script(syls, sex), da, my_latin(syls, sex, system), db, "neg-hard:birth-year")


# ------------------------------------------------------------------------------------------------ common parts
VI_GIVEN = [g for g in L4.VI_GIVEN if g not in L.VI_GIVEN]
KO_GIVEN = [g for g in L4.KO_GIVEN if g not in L.KO_GIVEN]
ZH_GIVEN = [g for g in L4.ZH_GIVEN if g not in L.ZH_GIVEN and g in MANDARIN]
KO_SURNAMES = {s[0]: s for s in L.KO_SURNAMES}


def vi_write(s, m, g, marks):
    parts = [s, m, g] if marks else [plain(s), plain(m), plain(g)]
    name = " ".join(parts) if rnd.random() < 0.8 else f"{parts[2]} {parts[0]} {parts[1]}"
    return upper_maybe(name)


def ko_latin(sur, given):
    hangul, mr, customary = KO_SURNAMES[sur]
    s = rnd.choice(customary)
    g = rnd.choice(["-", "", " "]).join(R.rr(c) for c in given)
    g = " ".join(cap(p) for p in g.split(" "))
    return upper_maybe(f"{s} {g}" if rnd.random() < 0.7 else f"{g} {s}")


def zh_pinyin(sur, given):
    g = "".join(MANDARIN[c] for c in given).replace("v", "u")
    return upper_maybe(f"{cap(MANDARIN[sur].replace('v', 'u'))} {cap(g)}")


def common_parts(lang, n):
    for _ in range(n):
        if lang == "vi":
            s, m = rnd.choice(L4.VI_COMMON)
            g, g2 = rnd.sample(VI_GIVEN, 2)
            one = lambda giv, marks: vi_write(s, m, giv, marks)
            script = lambda giv: one(giv, True)
            other = lambda giv: one(giv, rnd.random() < 0.5)
        elif lang == "ko":
            s = rnd.choice(L4.KO_COMMON)
            g = "".join(rnd.sample(KO_GIVEN, 2))
            g2 = g[0] + rnd.choice([c for c in KO_GIVEN if c != g[1]]) if rnd.random() < 0.5 else "".join(rnd.sample(KO_GIVEN, 2))
            script = lambda giv: s + giv
            other = lambda giv: ko_latin(s, giv) if rnd.random() < 0.7 else s + giv
        else:
            s = rnd.choice(L4.ZH_COMMON)
            g = "".join(rnd.sample(ZH_GIVEN, 2))
            g2 = "".join(rnd.sample(ZH_GIVEN, 2))
            script = lambda giv: s + giv
            other = lambda giv: zh_pinyin(s, giv) if rnd.random() < 0.6 else s + giv
        if g2 == g:
            continue
        if rnd.random() < 0.45:
            da, db = positive_dates()
            add(lang, True, script(g), da, other(g), db, "pos:common-parts")
        else:
            da, db = same_dates()
            add(lang, False, script(g), da, other(g2), db, "neg-hard:common-parts-only")


thai(360)
burmese(360)
common_parts("vi", 130)
common_parts("ko", 130)
common_parts("zh", 130)

evalset.leave_out_and_split(rows, EARLIER, OUT, "eval4", "generate_eval4.py", SEED, SPLIT_SEED,
                            "Eval4SealedHalfOverGrpcTest")
