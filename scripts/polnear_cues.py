#!/usr/bin/env python3
"""Derives schema/attribution_cues.tsv from the cue spans of the PolNeAR TRAIN split.

Usage: scripts/polnear_cues.py [POLNEAR_DIR] > schema/attribution_cues.tsv
       (POLNEAR_DIR defaults to $KG_SHARED/eval/polnear, else ../shared/eval/polnear)

Only the train split is read (never dev or test). Output is a word list, no article text:
one row per cue form (a word or a phrase of at most 4 words) with its lemma, cue class, part of
speech and the counts it was chosen by.

Steps
 1. One annotator per article (the alphabetically first .ann, as polnear.py make-corpus does).
 2. Every Cue span (discontinuous pieces joined) is lower-cased and normalised: curly apostrophes
    become straight, punctuation is dropped, leading auxiliaries/negations/adverbs ("has",
    "also", "did not") and trailing circumstances ("in a statement", weekday names) are cut.
    Phrases longer than 4 words are skipped.
 3. Forms are grouped by a crude lemma (suffix rules; only a label). A lemma is kept when its
    forms are cues at least MIN_COUNT times and the cue share (cue occurrences / all occurrences
    of its forms as token n-grams in the train texts) is at least MIN_SHARE.
 4. Forms already in schema/speech_verbs.tsv or schema/statement_cues.tsv are left out, as are
    function words. Every observed form of a kept lemma seen as a cue at least twice is written.
 5. pos: "noun" when the word before the cue is a determiner or a possessive in most of its cue
    occurrences ("his decision to", "the criticism of"), else "verb".
    class: the class of a listed form with the same lemma, else "believe" (attitudes, intentions
    and evaluations, which PolNeAR annotates like speech).
"""
import os
import re
import sys
from collections import Counter, defaultdict

MIN_COUNT = 5
MIN_SHARE = 0.25
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

LEAD = {
    "has", "have", "had", "also", "did", "does", "do", "not", "never", "would", "will", "was",
    "were", "is", "are", "be", "been", "being", "first", "then", "later", "repeatedly",
    "previously", "publicly", "recently", "once", "often", "still", "again", "even", "just",
    "already", "openly", "privately", "frequently", "further", "quickly", "now", "only",
    "always", "n't", "could", "should", "might", "may", "can", "to",
}
TRAIL = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "recently", "previously", "later", "again", "also", "earlier",
    "on", "in", "at",
}
CIRCUMSTANCE = re.compile(
    r"\b(in|during) (a|an|the|his|her|their|its) (statement|interview|speech|release|"
    r"tweet|post|email|letter|op-ed|memo)s?$")
FUNCTION = {
    "to", "for", "of", "in", "on", "about", "with", "by", "that", "as", "and", "the", "a",
    "from", "at", "made", "gave", "read", "went", "had", "has", "have", "is", "was", "be",
    "are", "were", "it", "this", "who", "which", "so", "if", "not", "like", "than",
}
DETS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that"}
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(s):
    return WORD.findall(s.lower().replace("\u2019", "'").replace("\u2018", "'"))


def normalise(ws):
    ws = list(ws)
    while ws and ws[0] in LEAD:
        ws.pop(0)
    changed = True
    while changed and ws:
        changed = False
        j = " ".join(ws)
        m = CIRCUMSTANCE.search(j)
        if m and m.start() > 0:
            ws = j[: m.start()].split()
            changed = True
        elif len(ws) > 1 and ws[-1] in TRAIL:
            ws.pop()
            changed = True
    return ws


def lemma_of(w):
    """Crude suffix lemma of one word: a grouping label, not a dictionary form."""
    for suf, rep in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""),
                     ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: len(w) - len(suf)] + rep
            if suf in ("ing", "ed") and len(base) > 2 and base[-1] == base[-2] \
                    and base[-1] not in "lsz":
                base = base[:-1]
            return base if base.endswith("ee") else base.rstrip("e")
    return w if w.endswith("ee") else w.rstrip("e")


def phrase_lemma(ws):
    return " ".join([lemma_of(ws[0])] + ws[1:])


def listed_forms():
    forms, classes = set(), {}
    for f in ("schema/speech_verbs.tsv", "schema/statement_cues.tsv"):
        with open(os.path.join(ROOT, f), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip() or line.startswith("form\t"):
                    continue
                c = line.rstrip("\n").split("\t")
                if len(c) >= 3:
                    forms.add(c[0].strip().lower())
                    ws = words(c[0])
                    if ws:
                        classes.setdefault(phrase_lemma(ws), c[2].strip())
                        classes.setdefault(lemma_of(ws[0]), c[2].strip())
    return forms, classes


def main():
    shared = os.environ.get("KG_SHARED", os.path.join(ROOT, "..", "shared"))
    pdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(shared, "eval", "polnear")
    split = os.path.join(pdir, "train")
    anns = defaultdict(list)
    for name in sorted(os.listdir(os.path.join(split, "attributions"))):
        if name.endswith(".ann"):
            anns[name.rsplit("_", 1)[0]].append(name)
    cue_count = Counter()
    noun_votes = Counter()
    texts = []
    for art, files in sorted(anns.items()):
        with open(os.path.join(split, "text", art + ".txt"), encoding="utf-8") as fh:
            text = fh.read()
        texts.append(words(text))
        with open(os.path.join(split, "attributions", sorted(files)[0]), encoding="utf-8") as fh:
            for line in fh:
                cells = line.rstrip("\n").split("\t")
                if len(cells) < 3 or not cells[1].startswith("Cue "):
                    continue
                offs = cells[1][4:]
                pieces = []
                for part in offs.split(";"):
                    a, b = part.split()
                    pieces.append(text[int(a):int(b)])
                ws = normalise(words(" ".join(pieces)))
                if not ws or len(ws) > 4:
                    continue
                form = " ".join(ws)
                cue_count[form] += 1
                first = int(offs.split()[0])
                before = words(text[max(0, first - 30):first])
                if before and (before[-1] in DETS or before[-1].endswith("'s")):
                    noun_votes[form] += 1
    # occurrences of every candidate form as a token n-gram in the train texts
    cands = {f for f, n in cue_count.items() if n >= 2}
    by_len = defaultdict(set)
    for f in cands:
        by_len[len(f.split())].add(f)
    total = Counter()
    for ws in texts:
        for n, fs in by_len.items():
            for i in range(len(ws) - n + 1):
                g = " ".join(ws[i:i + n])
                if g in fs:
                    total[g] += 1
    listed, classes = listed_forms()
    groups = defaultdict(list)
    for f in cands:
        groups[phrase_lemma(f.split())].append(f)
    rows = []
    for lem, forms in groups.items():
        n = sum(cue_count[f] for f in forms)
        tot = sum(max(total[f], cue_count[f]) for f in forms)
        share = n / tot if tot else 0.0
        if n < MIN_COUNT or share < MIN_SHARE:
            continue
        for f in sorted(forms):
            if f in listed or f in FUNCTION or all(w in FUNCTION for w in f.split()):
                continue
            pos = "noun" if noun_votes[f] * 2 > cue_count[f] else "verb"
            cls = classes.get(lem) or classes.get(lemma_of(f.split()[0]), "believe")
            if cls == "decline":
                cls = "believe"  # "refused to ..." has content; "declined to comment" is listed
            rows.append((f, lem, cls, pos, cue_count[f], max(total[f], cue_count[f]), share))
    rows.sort()
    print("# Attribution cues derived from the PolNeAR train split by scripts/polnear_cues.py")
    print("# (cue spans of the annotations; no article text). Forms already in speech_verbs.tsv or")
    print(f"# statement_cues.tsv are left out. Kept: lemma cue count >= {MIN_COUNT}, "
          f"cue share >= {MIN_SHARE}.")
    print("# columns: form, lemma (crude suffix label), class, pos (verb|noun), cue count of the")
    print("# form, occurrences of the form in the train texts, cue share of the lemma")
    print("form\tlemma\tclass\tpos\tcues\toccurrences\tshare")
    for f, lem, cls, pos, n, tot, share in rows:
        print(f"{f}\t{lem}\t{cls}\t{pos}\t{n}\t{tot}\t{share:.2f}")


if __name__ == "__main__":
    main()
