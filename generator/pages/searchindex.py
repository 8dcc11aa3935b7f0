"""MkDocs hook: what the search index holds, and the words a query is cut into.

Material's search plugin cuts Chinese into words with jieba at build time; a query must be cut the same
way in the browser, or a pasted 城乡医疗救助 misses its pages. The index gets what jieba needs for its words,
config.jieba: the dictionary words in its text with their frequencies and the HMM's probabilities for its
characters; the site's search worker (docs/assets/javascripts/workers/) cuts a query with jieba's method.

Data stays out of the index: amounts and source references in tables (a row's code and name stay
searchable) and the data tables of charts (the chart's caption and description say what it shows).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
from backrefs import bre  # what the search plugin finds Chinese with
from jieba import finalseg
from mkdocs.plugins import event_priority

# the generator's markup (generator/pages/tables.py, charts.py) for amounts, source references, chart data
_DATA = re.compile(r'<(td class="(?:num|ref)"|details class="chart-data")(?=[\s>])')


def on_page_content(html, page, config, files):
    # the search plugin skips elements so marked, and strips the mark (with its value) from the page
    return _DATA.sub(r'<\1 data-search-exclude="data"', html)


def han_runs(index: dict) -> dict[str, list[str]]:
    """Each run of Chinese characters in the index → the words jieba cut it into. The search plugin
    writes a run's words joined by U+200B (zero-width space) and sets the run apart with it."""
    run = bre.compile(r"\p{script: Han}+(?:\u200b\p{script: Han}+)*")
    found: dict[str, list[str]] = {}
    for doc in index["docs"]:
        for field in ("title", "text"):
            for m in run.finditer(doc.get(field) or ""):
                words = m.group(0).split("\u200b")
                found["".join(words)] = words
    return found


def dictionary(index: dict) -> dict:
    """What jieba.cut needs to cut the index's runs, and a query, in the browser (jieba-cut.js): every
    dictionary word found in a run (the candidates jieba weighs) with its frequency, and the HMM's
    probabilities for the characters of the runs."""
    dt = jieba.dt
    dt.check_initialized()
    runs = han_runs(index)
    words = {}
    for text in runs:
        for start, ends in dt.get_DAG(text).items():
            for end in ends:
                word = text[start:end + 1]
                if dt.FREQ.get(word):
                    words[word] = dt.FREQ[word]
    chars = {c for text in runs for c in text}
    emit = {state: {c: p for c, p in sorted(table.items()) if c in chars} for state, table in finalseg.emit_P.items()}
    return {"total": dt.total, "words": dict(sorted(words.items())),
            "hmm": {"start": finalseg.start_P, "trans": finalseg.trans_P, "emit": emit}}


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config):
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["jieba"] = dictionary(index)
    # UTF-8 rather than \\u escapes: the same index in half the bytes
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
