"""Generates the seventh evaluation set (eval7, issue 14) and splits it once, at random, into a development half and a
sealed half.

    python3 generate_eval7.py   (needs Debian's unicode-data package for Unihan; writes ../resources/names/eval7-*.tsv)

Why a seventh set: eval6's sealed half was read (session 11), so eval6 is development data; the matcher changed after
it needs a held-out figure again. The pairs are drawn exactly as eval5's and eval6's (generate_eval5.py's drawing, the
same kinds and shares per language, about half hard negatives), from lists7.py: names absent from lists.py, lists4.py,
lists5.py and lists6.py in their role (checked below), from the sources lists7.py's docstring names (census family-name
rankings, public figures' registered names with their official spellings, the Hundred Family Surnames, the Taiwanese
Ministry of Education's Hokkien readings, MLCTS). Nothing here calls or copies the matcher. Every pair of the earlier
sets and of pairs.tsv (either order) is left out. Made before any matcher change of session 12 (branch names7).
"""
import evalset
import generate_eval5 as G
import lists as L
import lists4 as L4
import lists5 as L5
import lists6 as L6
import lists7 as L7

SEED, SPLIT_SEED = 202612077, 771207
EARLIER = G.EARLIER + [G.OUT / f"eval{n}-{half}.tsv" for n in (5, 6) for half in ("dev", "sealed")]


def check_new_names():
    """Every name part of lists7 in its role is absent from the earlier lists (written forms for scripts)."""
    old = (L, L4, L5, L6)

    def of(name, pick=lambda x: x):
        return [pick(x) for m in old for x in getattr(m, name, [])]

    first = lambda x: x[0]  # noqa: E731
    roles = [
        ([s[0] for s in L7.KO_SURNAMES], of("KO_SURNAMES", first) + of("KO_COMMON")),
        (L7.KO_GIVEN, of("KO_GIVEN")),
        (L7.ZH_SURNAMES + L7.ZH_GIVEN, of("ZH_SURNAMES") + of("ZH_GIVEN") + of("ZH_COMMON") + of("ZH_HOKKIEN")),
        ([n[0] for n in L7.TH_GIVEN + L7.TH_SURNAMES], of("TH_GIVEN", first) + of("TH_SURNAMES", first)),
        ([n[0] for n in L7.KM_GIVEN + L7.KM_SURNAMES], of("KM_GIVEN", first) + of("KM_SURNAMES", first)),
        ([s[0] for s in L7.MY_SYLLABLES], of("MY_SYLLABLES", first)),
        (L7.VI_SURNAMES + L7.VI_MIDDLE + L7.VI_GIVEN + [b for _, b in L7.VI_TONE_TWINS],
         of("VI_SURNAMES") + of("VI_MIDDLE") + of("VI_GIVEN") + [x for t in of("VI_TONE_TWINS") for x in t]),
        (L7.ID_NAMES + L7.MS_MALE + L7.MS_FEMALE, of("ID_NAMES") + of("MS_MALE") + of("MS_FEMALE")),
        (L7.PH_GIVEN + L7.PH_SURNAMES, of("PH_GIVEN") + of("PH_SURNAMES")),
    ]
    for new, olds in roles:
        seen = set(olds) | {G.TO_TRADITIONAL.get(c, c) for c in olds} | {G.TO_SIMPLIFIED.get(c, c) for c in olds}
        assert not set(new) & seen, sorted(set(new) & seen)
    # Every Chinese character drawn must have both readings in Unihan; every Hokkien spelling belongs to a listed one.
    missing = [c for c in L7.ZH_SURNAMES + L7.ZH_GIVEN if c not in G.MANDARIN or c not in G.CANTONESE]
    assert not missing, missing
    assert set(L7.ZH_HOKKIEN) <= set(L7.ZH_SURNAMES + L7.ZH_GIVEN), set(L7.ZH_HOKKIEN) - set(L7.ZH_SURNAMES + L7.ZH_GIVEN)
    for given in (L7.MS_MALE, L7.MS_FEMALE, L7.ID_NAMES, L7.PH_GIVEN, L7.PH_SURNAMES):
        assert len(set(given)) == len(given), given


check_new_names()
G.use(L7, evalset.Draw(SEED))
G.korean(200)
G.chinese(260)
G.thai(220)
G.khmer(160)
G.burmese(200)
G.vietnamese(160)
G.indonesian(80)
G.malay(80)
G.filipino(140)
evalset.leave_out_and_split(G.DRAW.rows, EARLIER, G.OUT, "eval7", "generate_eval7.py", SEED, SPLIT_SEED,
                            "NameMatchingEval7SealedTest and Eval7SealedHalfOverGrpcTest")
