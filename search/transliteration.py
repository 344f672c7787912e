"""A comparison key for names written in Latin letters from other scripts.

South Asian, Arabic, Persian and Slavic names reach English news under many spellings of one
name: Muhammad / Mohammad / Mohammed / Mohd, Yousaf / Yousuf / Yusuf, Hussain / Husain /
Hossein, Zia-ul-Haq / Ziaul Haq, Zelensky / Zelenskyy, Pezeshkian / Pezeshkiyan. `name_key`
folds such spellings to one key, word by word, so two names with equal keys are one name
spelled two ways (whether they are one person is for the caller's evidence to say).

Phonetic codes made for English surnames (Soundex, Metaphone, NYSIIS) drop or merge vowels,
and so join names that are different names: Hassan and Hussain, Karim and Karam. These rules
keep the vowel that opens a word (only a/e and o/u swap there: Mehmood / Mahmood, Osama /
Usama) and let the later, unstressed vowels vary among a, e, o, u (Yousaf / Yousuf), never
with i (Salim / Salam stay apart). Query-side code may use the key too, so it lives here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache

#: Whole words whose spellings the letter rules cannot reach ("Mohd", "Md", "Khwaja"); each
#: is folded as the spelling it maps to.
WORD_FORMS = {
    "muhammad": "muhammad",
    "mohammad": "muhammad",
    "mohammed": "muhammad",
    "muhammed": "muhammad",
    "mohamed": "muhammad",
    "mohamad": "muhammad",
    "muhamad": "muhammad",
    "mohd": "muhammad",
    "md": "muhammad",
    "mohamud": "muhammad",
    "khwaja": "khawaja",
    "khuwaja": "khawaja",
}

#: Particles written glued to the word before them, apart or hyphenated ("Zia-ul-Haq",
#: "Ziaul Haq", "Zia ul Haq"): the key glues them on.
GLUED_PARTICLES = frozenset({"ul", "ud", "ur", "us", "un", "uz", "e", "ullah", "ulla"})
#: Arabic article written or left out before a surname ("Bashar al-Assad", "Bashar Assad").
ARTICLES = frozenset({"al", "el"})

#: The first vowel of a word: only a/e and o/u are spelling variants of each other.
FIRST_VOWEL = {"a": "a", "e": "a", "ae": "a", "o": "u", "u": "u", "ou": "u", "i": "i", "ei": "ai", "ai": "ai"}
#: Later vowels: a, e, o, u and the diphthongs are an unstressed vowel, written or not
#: ("Chaudhry", "Chaudhary"; "Mandokhail", "Mandokhel"); a run with an i stays an i.
LATER_VOWEL = {"a": "", "e": "", "o": "", "u": "", "ou": "", "au": "", "ai": "", "ei": "", "oa": "", "ua": ""}

_SPLIT = re.compile(r"[\s\-‐–]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")
_ROMAN = re.compile(r"^[ivx]+$")
_IY = re.compile(r"iy(?=[aeou])|iy$")
_AY = re.compile(r"([ae])y(?![aeiou])")
_Y_VOWEL = re.compile(r"(?<=[^aeiou])y(?![aeiou])")
#: "ay"/"y" after a word's opening consonants and before a vowel: the i of "Kiani", "Fiaz", "Syed".
_OPENING_AY = re.compile(r"^([^aeiouy]+)a?y(?=[aeiou])")
_FINAL_I = re.compile(r"i+$")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_QUE = re.compile(r"(?<=k)ue$")
#: A u written after q before a, i or o: "Siddiqui" is "Siddiqi", "Faruqui" "Faruqi", "Quaid" "Qaid"
#: (not before e: "Haque" is "Haq" by `_QUE`, "Quetta" keeps it).
_QU = re.compile(r"qu(?=[aio])")
_NEAR_DROPPED = re.compile(r"[aeiouy]")


def _plain(text: str) -> str:
    """Lower case, accents removed, letters only ("Erdoğan" -> "erdogan", "O'Neill" -> "oneill")."""
    if text.isascii():
        return _NOT_LETTER.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NOT_LETTER.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word's key: "Yousaf", "Yousuf" and "Yusuf" all give "yusaf"."""
    plain = _plain(word)
    plain = WORD_FORMS.get(plain, plain)
    if word.isupper() and _ROMAN.match(plain):
        return plain  # "II" and "III" stay apart
    # Long vowels written double ("Saleem", "Mahmood") before doubled letters collapse ("Hussain").
    folded = plain.replace("ee", "i").replace("oo", "u")
    folded = _DOUBLED.sub(r"\1", folded)
    folded = _QU.sub("q", folded)
    folded = folded.replace("ph", "f").replace("ck", "k").replace("q", "k").replace("v", "w")
    folded = _IY.sub("i", folded)  # "Pezeshkiyan" is "Pezeshkian", "Zelenskiy"
    folded = _OPENING_AY.sub(r"\1i", folded)  # "Kayani" is "Kiani", "Fayaz" "Fiaz", "Sayed" "Syed"
    folded = _AY.sub(r"\1i", folded)  # "Husayn" is "Husain"
    # "y" is a vowel (i) except where it opens a word or a syllable: "Zelensky", not "Yusuf".
    folded = _Y_VOWEL.sub("i", folded)
    folded = _FINAL_I.sub("i", folded)
    folded = _FINAL_H.sub("", folded)  # "Hamzah" is "Hamza"
    folded = _QUE.sub("", folded)  # "Haque" is "Haq"  # "Zelenskyi", "Zelenskii"
    return _VOWELS.sub(_vowel_class(folded), folded)


def _vowel_class(word: str) -> Callable[[re.Match[str]], str]:
    """A replacement for each vowel run of `word`: the first run and later runs fold differently."""
    first = _VOWELS.search(word)
    start = first.start() if first else -1

    def replace(match: re.Match[str]) -> str:
        run = match.group()
        if match.start() == start:
            return FIRST_VOWEL.get(run, run)
        if match.end() == len(word):  # a final vowel is kept: "Aleem" and "Aleema" are two names
            return FIRST_VOWEL.get(run, run)
        return LATER_VOWEL.get(run, "i" if "i" in run else run)

    return replace


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """A name's words as the key sees them: split at spaces and hyphens, glued particles
    joined to the word before ("Zia-ul-Haq" -> ("Ziaul", "Haq")), "al"/"el" dropped."""
    out: list[str] = []
    for word in _SPLIT.split(name.strip()):
        plain = _plain(word)
        if not plain:
            continue
        if plain in GLUED_PARTICLES and out:
            out[-1] += plain
        elif plain in ARTICLES:
            continue
        else:
            out.append(word)
    return tuple(out)


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """The name's transliteration key, one folded word per word of the name."""
    return tuple(fold_word(word) for word in name_words(name))


@lru_cache(maxsize=65536)
def near_key(name: str) -> tuple[str, ...]:
    """A looser key, per word its opening letter (any vowel as one) and its consonants: equal
    for "Younas" / "Younis", "Haider" / "Hyder", "Abrar" / "Ibrar", "Aamer" / "Aamir", but
    also for Hassan / Hussain, which are different names. Equal near keys are a spelling only
    when the caller has evidence that the two names are one person."""
    return tuple(
        ("a" if word[0] in "aeiou" else word[0]) + _NEAR_DROPPED.sub("", word[1:])
        for word in name_key(name)
        if word
    )


def joined_keys(name: str) -> set[tuple[str, ...]]:
    """The name's key with each pair of neighbouring words written as one word: "Mian Gul
    Hassan Aurangzeb" also gives the key of "Miangul Hassan Aurangzeb"."""
    words = name_words(name)
    key = name_key(name)
    return {
        key[:i] + (fold_word(words[i] + words[i + 1]),) + key[i + 2 :]
        for i in range(len(words) - 1)
        if len(key[i]) > 1 and len(key[i + 1]) > 1  # an initial is no part of a word
    }


#: A name word's spelling must occur in this many articles' names to be offered for another.
MIN_SPELLING_COUNT = 2
#: At most this many other spellings per query word.
MAX_SPELLINGS = 3


def other_spellings(name_words: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Each word of the archive's person and country names (`name_words`: how many articles'
    names hold it) with its other spellings there (equal `fold_word` keys: "gilani",
    "gillani", "geelani"), most used first. Only name words: the key is made for names and
    would join everyday words ("shut", "shot")."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for word, count in name_words.items():
        if count >= MIN_SPELLING_COUNT and word.isalpha() and len(word) > 2:
            groups.setdefault(fold_word(word), []).append((count, word))
    return {
        word: tuple(other for _, other in sorted(group, reverse=True) if other != word)[:MAX_SPELLINGS]
        for group in groups.values()
        if len(group) > 1
        for _, word in group
    }
