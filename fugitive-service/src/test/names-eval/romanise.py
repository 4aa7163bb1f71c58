"""Romanisation rules written for generating evaluation pairs, from the published standards and tables
(Revised Romanization of Korean 2000, McCune-Reischauer 1939, Wade-Giles, Hong Kong government Cantonese
spellings). Written independently of the fugitive-service matcher; shares no code with it."""

# ---------------------------------------------------------------- Korean
RR_I = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
RR_V = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
        "eu", "ui", "i"]
RR_F = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng",
        "t", "t", "k", "t", "p", "t"]
# McCune-Reischauer: unvoiced initials at the start, voiced between voiced sounds; breves often dropped in documents.
MR_I = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"]
MR_I_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
MR_V = ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu",
        "ŭ", "ŭi", "i"]


def jamo(syl):
    i = ord(syl) - 0xAC00
    return i // 588, (i % 588) // 28, i % 28


def rr(syl):
    a, b, c = jamo(syl)
    return RR_I[a] + RR_V[b] + RR_F[c]


def mr_given(syls, breves=True):
    out = []
    prev_final = None
    for k, syl in enumerate(syls):
        a, b, c = jamo(syl)
        ini = MR_I[a]
        if k > 0 and (prev_final in (0, 4, 8, 16, 21)) and ini in MR_I_VOICED:
            ini = MR_I_VOICED[ini]
        if a == 5 and (k == 0 or prev_final == 0):
            ini = "r" if k > 0 else "r"
        v = MR_V[b]
        if not breves:
            v = v.replace("ŏ", "o").replace("ŭ", "u")
        out.append(ini + v + RR_F[c])
        prev_final = c
    return out


def customary(rr_syl, rnd):
    """Spellings Korean passports and people actually use for a given-name syllable."""
    s = rr_syl
    options = [s]
    if "eo" in s:
        options.append(s.replace("eo", "u") if s not in ("seo", "eo") else s.replace("eo", "u"))
    if "eu" not in s and (s.endswith("u") or "un" in s or s.endswith("ung")):
        options.append(s.replace("u", "oo", 1))
    if s.startswith("yeong"):
        options.append("young")
    if s == "i":
        options.append("ee")
    if s.startswith("hui") or s == "hui":
        options.append("hee")
    return rnd.choice(options)


# ---------------------------------------------------------------- Wade-Giles from pinyin
WG_INITIALS = [("zh", "ch"), ("ch", "ch'"), ("sh", "sh"), ("b", "p"), ("p", "p'"), ("d", "t"), ("t", "t'"),
               ("g", "k"), ("k", "k'"), ("z", "ts"), ("c", "ts'"), ("j", "ch"), ("q", "ch'"), ("x", "hs"),
               ("r", "j"), ("h", "h"), ("s", "s"), ("m", "m"), ("n", "n"), ("l", "l"), ("f", "f"), ("w", "w"),
               ("y", "y")]
WG_WHOLE = {"zi": "tzu", "ci": "tz'u", "si": "ssu", "zhi": "chih", "chi": "ch'ih", "shi": "shih", "ri": "jih",
            "er": "erh", "ye": "yeh", "yan": "yen", "you": "yu", "yu": "yü", "yue": "yüeh", "yuan": "yüan",
            "yun": "yün", "yong": "yung", "ge": "ko", "ke": "k'o", "he": "ho", "guo": "kuo", "kuo": "k'uo",
            "huo": "huo", "e": "o", "lve": "lüeh", "nve": "nüeh", "lv": "lü", "nv": "nü"}


def wade_giles(py):
    if py in WG_WHOLE:
        return WG_WHOLE[py]
    ini, rest = "", py
    for p, w in WG_INITIALS:
        if py.startswith(p):
            ini, rest = w, py[len(p):]
            break
    if ini.rstrip("'") in ("ch", "hs") and py[0] in "jqx" and rest.startswith("u"):
        rest = "ü" + rest[1:]
    rest = rest.replace("v", "ü")
    if rest == "ong":
        rest = "ung"
    elif rest == "iong":
        rest = "iung"
    elif rest == "ian":
        rest = "ien"
    elif rest == "ie":
        rest = "ieh"
    elif rest == "ue":
        rest = "üeh"
    elif rest == "uo" and ini not in ("k", "k'", "h", "sh", "ch", "ch'"):
        rest = "o"
    elif rest == "e":
        rest = "o" if ini in ("k", "k'", "h") else "e"
    elif rest == "ui":
        rest = "uei" if ini in ("k", "k'") else "ui"
    elif rest == "iu":
        rest = "iu"
    return ini + rest


# ---------------------------------------------------------------- Hong Kong government spelling from Jyutping
HK_INITIALS = [("gw", "kw"), ("kw", "kw"), ("ng", "ng"), ("b", "p"), ("p", "p"), ("d", "t"), ("t", "t"), ("g", "k"),
               ("k", "k"), ("z", "ch"), ("c", "ch"), ("s", "s"), ("j", "y"), ("h", "h"), ("f", "f"), ("m", "m"),
               ("n", "n"), ("l", "l"), ("w", "w")]
HK_FINALS = {"aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "ang", "aap": "ap", "aat": "at",
             "aak": "ak", "ai": "ai", "au": "au", "am": "um", "an": "an", "ang": "ang", "ap": "ap", "at": "at",
             "ak": "ak", "e": "e", "ei": "ei", "eng": "eng", "ek": "ek", "i": "i", "iu": "iu", "im": "im", "in": "in",
             "ing": "ing", "ip": "ip", "it": "it", "ik": "ik", "o": "o", "oi": "oi", "ou": "o", "on": "on",
             "ong": "ong", "ot": "ot", "ok": "ok", "u": "u", "ui": "ui", "un": "oon", "ung": "ung", "ut": "ut",
             "uk": "uk", "oe": "euk", "oeng": "eung", "oek": "euk", "eoi": "ui", "eon": "un", "eot": "ut",
             "yu": "u", "yun": "uen", "yut": "uet", "m": "m", "ng": "ng"}


def hong_kong(jp):
    if jp in ("m", "ng"):
        return jp
    ini, rest = "", jp
    for p, h in HK_INITIALS:
        if jp.startswith(p):
            ini, rest = h, jp[len(p):]
            break
    fin = HK_FINALS.get(rest, rest)
    if ini == "ch" and rest in ("eoi", "eon", "eot") and jp.startswith(("z", "c")):
        ini = "ts"
    if ini == "y" and fin.startswith("y"):
        fin = fin[1:]
    if ini == "" and rest == "i":
        return "yee"
    if ini == "y" and rest == "i":
        return "yee"
    s = ini + fin
    if s == "ei" or s.endswith("ei") and ini in ("l", "n", "m", "p", "k", "h"):
        s = s[:-2] + ("ee" if ini in ("l",) else "ei")
    return s
