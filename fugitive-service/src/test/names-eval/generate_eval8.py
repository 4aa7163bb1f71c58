"""Generates the eighth evaluation set (eval8, issue 14) and splits it once, at random, into a development half and a
sealed half.

    python3 generate_eval8.py   (needs Debian's unicode-data package for Unihan; writes ../resources/names/eval8-*.tsv)

Why an eighth set: eval7's sealed half was read (session 12), so eval7 is development data; the matcher changed after
it needs a held-out figure again. The pairs are drawn as eval5's, eval6's and eval7's (generate_eval5.py's drawing, the
same kinds and shares per language, about half hard negatives), from lists8.py: names absent from lists.py, lists4.py,
lists5.py, lists6.py and lists7.py in their role (checked below), from the sources lists8.py's docstring names. Two
kinds the issue names get their own draws here, because the earlier sets drew them rarely:
- Chinese written in Latin letters on both sides, in two different romanisation systems (a Wade-Giles, Hong Kong or
  Hokkien spelling against a Pinyin record, or Wade-Giles against Hong Kong): true pairs, one syllable different with
  the same date (hard negatives), birth-year conflicts (hard negatives).
- Burmese names of three syllables written as one word in Latin (Thaungmunmon), as customary spellings often are.
Nothing here calls or copies the matcher. Every pair of the earlier sets and of pairs.tsv (either order) is left out.
Made before any matcher change of session 13 (branch names8).
"""
import evalset
import generate_eval5 as G
import lists as L
import lists4 as L4
import lists5 as L5
import lists6 as L6
import lists7 as L7
import lists8 as L8
from evalset import cap

SEED, SPLIT_SEED = 202612078, 781208
EARLIER = G.EARLIER + [G.OUT / f"eval{n}-{half}.tsv" for n in (5, 6, 7) for half in ("dev", "sealed")]


def check_new_names():
    """Every name part of lists8 in its role is absent from the earlier lists (written forms for scripts)."""
    old = (L, L4, L5, L6, L7)

    def of(name, pick=lambda x: x):
        return [pick(x) for m in old for x in getattr(m, name, [])]

    first = lambda x: x[0]  # noqa: E731
    roles = [
        ([s[0] for s in L8.KO_SURNAMES], of("KO_SURNAMES", first) + of("KO_COMMON")),
        (L8.KO_GIVEN, of("KO_GIVEN")),
        (L8.ZH_SURNAMES + L8.ZH_GIVEN, of("ZH_SURNAMES") + of("ZH_GIVEN") + of("ZH_COMMON") + of("ZH_HOKKIEN")),
        ([n[0] for n in L8.TH_GIVEN + L8.TH_SURNAMES], of("TH_GIVEN", first) + of("TH_SURNAMES", first)),
        ([n[0] for n in L8.KM_GIVEN + L8.KM_SURNAMES], of("KM_GIVEN", first) + of("KM_SURNAMES", first)),
        ([s[0] for s in L8.MY_SYLLABLES], of("MY_SYLLABLES", first)),
        (L8.VI_SURNAMES + L8.VI_MIDDLE + L8.VI_GIVEN + [b for _, b in L8.VI_TONE_TWINS],
         of("VI_SURNAMES") + of("VI_MIDDLE") + of("VI_GIVEN") + [x for t in of("VI_TONE_TWINS") for x in t]),
        (L8.ID_NAMES + L8.MS_MALE + L8.MS_FEMALE, of("ID_NAMES") + of("MS_MALE") + of("MS_FEMALE")),
        (L8.PH_GIVEN + L8.PH_SURNAMES, of("PH_GIVEN") + of("PH_SURNAMES")),
    ]
    for new, olds in roles:
        seen = set(olds) | {G.TO_TRADITIONAL.get(c, c) for c in olds} | {G.TO_SIMPLIFIED.get(c, c) for c in olds}
        assert not set(new) & seen, sorted(set(new) & seen)
        assert len(set(new)) == len(new), sorted(x for x in new if new.count(x) > 1)
    # Every Chinese character drawn must have both readings in Unihan; every Hokkien spelling belongs to a listed one.
    missing = [c for c in L8.ZH_SURNAMES + L8.ZH_GIVEN if c not in G.MANDARIN or c not in G.CANTONESE]
    assert not missing, missing
    assert set(L8.ZH_HOKKIEN) <= set(L8.ZH_SURNAMES + L8.ZH_GIVEN), set(L8.ZH_HOKKIEN) - set(L8.ZH_SURNAMES + L8.ZH_GIVEN)
    assert set(L8.MS_VARIANTS) <= set(L8.MS_MALE + L8.MS_FEMALE), set(L8.MS_VARIANTS) - set(L8.MS_MALE + L8.MS_FEMALE)


# ------------------------------------------------------------------------------------------------ Chinese, Latin both
SYSTEMS = ["pinyin", "wade-giles", "cantonese", "hokkien"]


def chinese_across_systems(n):
    """Both names in Latin letters, in two different romanisation systems: the same person, or a namesake one given
    syllable apart born the same day, or the same name born years apart."""
    rnd, draw = G.rnd, G.DRAW
    made = 0
    while made < n:
        a_sys, b_sys = rnd.sample(SYSTEMS, 2)
        hokkien = "hokkien" in (a_sys, b_sys)
        chars = [c for c in G.ZH_GIVEN if not hokkien or c in L8.ZH_HOKKIEN]
        family = rnd.choice([c for c in L8.ZH_SURNAMES if not hokkien or c in L8.ZH_HOKKIEN])
        given = "".join(rnd.sample(chars, 2 if rnd.random() < 0.8 else 1))
        kind = f"{a_sys}-{b_sys}"
        r = rnd.random()
        if r < 0.5:
            da, db = draw.positive_dates()
            draw.add("zh", True, G.zh_latin(family, given, a_sys), da, G.zh_latin(family, given, b_sys), db,
                     "pos:latin-across-" + kind)
        elif r < 0.8:
            i = rnd.randrange(len(given))
            pool = [c for c in chars if c not in given and G.MANDARIN[c] != G.MANDARIN[given[i]]
                    and G.CANTONESE[c] != G.CANTONESE[given[i]]]
            other = given[:i] + rnd.choice(pool) + given[i + 1:]
            da, db = draw.same_dates()
            draw.add("zh", False, G.zh_latin(family, given, a_sys), da, G.zh_latin(family, other, b_sys), db,
                     "neg-hard:one-syllable-across-" + kind)
        else:
            da, db = draw.conflicting_dates()
            draw.add("zh", False, G.zh_latin(family, given, a_sys), da, G.zh_latin(family, given, b_sys), db,
                     "neg-hard:birth-year-across-" + kind)
        made += 1


# ------------------------------------------------------------------------------------------------ Burmese, joined
def burmese_joined(n):
    """Three syllables written as one Latin word (customary spellings), with or without an honorific."""
    rnd, draw = G.rnd, G.DRAW
    for _ in range(n):
        syls = [rnd.choice(L8.MY_SYLLABLES) for _ in range(3)]
        honorific = rnd.choice(L8.MY_HONORIFICS[rnd.choice(["male", "female"])])

        def joined(ss):
            word = cap("".join(rnd.choice(s[2]).lower() for s in ss))
            return draw.upper_maybe(f"{rnd.choice(honorific[1])} {word}" if rnd.random() < 0.4 else word)

        r = rnd.random()
        if r < 0.5:
            da, db = draw.positive_dates()
            draw.add("my", True, G.my_script(syls, honorific), da, joined(syls), db, "pos:burmese-joined")
        elif r < 0.8:
            i = rnd.randrange(3)
            swap = rnd.choice([s for s in L8.MY_SYLLABLES if s[1] != syls[i][1] and not set(s[2]) & set(syls[i][2])])
            da, db = draw.same_dates()
            draw.add("my", False, G.my_script(syls, honorific), da, joined(syls[:i] + [swap] + syls[i + 1:]), db,
                     "neg-hard:one-syllable-changed-joined")
        else:
            da, db = draw.conflicting_dates()
            draw.add("my", False, G.my_script(syls, honorific), da, joined(syls), db, "neg-hard:birth-year-joined")


check_new_names()
G.use(L8, evalset.Draw(SEED))
G.korean(200)
G.chinese(220)
chinese_across_systems(100)
G.thai(240)
G.khmer(160)
G.burmese(170)
burmese_joined(60)
G.vietnamese(160)
G.indonesian(80)
G.malay(80)
G.filipino(140)
evalset.leave_out_and_split(G.DRAW.rows, EARLIER, G.OUT, "eval8", "generate_eval8.py", SEED, SPLIT_SEED,
                            "NameMatchingEval8SealedTest and Eval8SealedHalfOverGrpcTest")
