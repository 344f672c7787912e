"""Readers through the real path: files on disk -> discover -> read -> articles or skips."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from indexer.readers import Duplicates, Skipped, SourceFile, discover, read
from indexer.readers.dedup import SAME_TEXT, SAME_URL, Match
from indexer.readers.jsonlines import read_labelled, read_records
from indexer.readers.normalize import clean_line, derive_title, split_dateline, split_site_title
from indexer.readers.reuters import read_labelled as reuters_labelled
from search.models import Article, content_hash


def read_all(*paths: Path) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for found in discover(paths):
        if isinstance(found, Skipped):
            skipped.append(found)
            continue
        for item in read(found):
            (skipped if isinstance(item, Skipped) else articles).append(item)
    return articles, skipped


@pytest.fixture()
def readers_data(test_data: Path) -> Path:
    return test_data / "readers"


def one(path: Path) -> Article | Skipped:
    items = list(read(SourceFile(path, path.parent)))
    assert len(items) == 1, items
    return items[0]


# --- plain text -------------------------------------------------------------------------------------


def test_seed_article(shared_dir: Path) -> None:
    article = one(shared_dir / "seed" / "000_0a7961073fb3a83a.txt")
    assert isinstance(article, Article)
    assert article.date == dt.date(2019, 11, 20)
    assert article.dateline == "Islamabad"
    assert article.source == "Dawn"
    assert article.body.startswith("Army Chief Gen Qamar Bajwa")
    assert article.body.endswith(
        "Pakistan further promised to proscribe groups carrying out attacks against Iran."
    )
    assert "Published in" not in article.body
    assert "Sanaullah" not in article.body and "malpractice" not in article.body
    assert "Bajwa" in article.body and "Rouhani" in article.body
    assert article.title_derived and 10 < len(article.title) <= 90
    assert article.title.startswith("Army Chief Gen Qamar Bajwa")
    assert article.id == article.origin == "000_0a7961073fb3a83a.txt"


def test_text_footer_date_dateline_and_chrome(readers_data: Path) -> None:
    article = one(readers_data / "peshawar-gates.txt")
    assert isinstance(article, Article)
    assert article.date == dt.date(2018, 3, 3)
    assert article.dateline == "Peshawar"
    assert article.body.startswith("The provincial assembly")
    assert "Gates to be restored" in article.paragraphs  # subheadings stay
    assert "zebra" not in article.body and "Tramway" not in article.body
    assert article.content_hash == content_hash(
        article.title, "2018-03-03", "Peshawar", None, None, article.body
    )


@pytest.mark.parametrize("name", ["bom.txt", "cp1252.txt"])
def test_encodings(readers_data: Path, name: str) -> None:
    article = one(readers_data / name)
    assert isinstance(article, Article)
    assert "\ufeff" not in article.body and "\ufffd" not in article.body
    assert "’" in article.body
    assert article.date is None  # no footer, no date: never today's


def test_cp1252_curly_quotes_and_accents(readers_data: Path) -> None:
    article = one(readers_data / "cp1252.txt")
    assert isinstance(article, Article)
    assert "café owners’ association said “enough is enough”" in article.body


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("  plain  words here ", "plain words here"),  # plain ASCII: spaces only
        ("tab\there\x7f and\x00 bell\x07", "tab here and bell"),
        ("R&amp;D &#160;budget", "R&D budget"),
        ("cafe\u0301 \u00a0 soft\u00adhyphen\u200b", "caf\u00e9 softhyphen"),
        ("broken \ud83d pair", "broken \ufffd pair"),
    ],
)
def test_a_line_is_cleaned_alike_plain_or_not(line: str, clean: str) -> None:
    """Plain ASCII lines take a short way through `clean_line`; every kind gets the same rules."""
    assert clean_line(line) == clean


def test_derived_title_is_a_short_clean_fragment() -> None:
    lead = (
        "The federal cabinet on Tuesday approved a plan to build three new dams on the Indus, "
        "which officials said would add 4,000 megawatts to the national grid by 2030, at a cost of Rs900bn."
    )
    title = derive_title([lead])
    assert len(title) <= 90 and lead.startswith(title)
    assert not title.endswith((",", ".", " the", " and"))


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("ISLAMABAD: Text.", "Islamabad", "Text."),
        ("ISLAMABAD, Mar 01 (APP): Text.", "Islamabad", "Text."),
        ("DERA ISMAIL KHAN: Text.", "Dera Ismail Khan", "Text."),
        ("KABUL, Feb 12 (FLN): Text.", "Kabul", "Text."),
        ("THE seed was sown: decades ago.", None, "THE seed was sown: decades ago."),
        ("NOTE: Text.", None, "NOTE: Text."),
    ],
)
def test_dateline(paragraph: str, dateline: str | None, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


def test_site_title() -> None:
    assert split_site_title("Headline here - Pakistan - DAWN.COM") == ("Headline here", "Pakistan")
    assert split_site_title("Pakistan - India talks resume - DAWN.COM") == (
        "Pakistan - India talks resume",
        None,
    )
    assert split_site_title("No site here - just a dash") == ("No site here - just a dash", None)
    assert split_site_title("Story - Daily Times", ("Daily Times",)) == ("Story", None)


# --- JSON, CSV, Reuters --------------------------------------------------------------------------------


def test_jsonl_scraper_schema_generic_mapping_and_bad_lines(readers_data: Path) -> None:
    items = list(read(SourceFile(readers_data / "sample.jsonl", readers_data)))
    assert [i.origin for i in items] == [f"sample.jsonl#{n}" for n in range(1, 7)]
    dawn, app, bad, generic, not_object, empty = items
    assert isinstance(dawn, Article) and isinstance(app, Article) and isinstance(generic, Article)
    assert dawn.title == "Council approves new bus routes" and dawn.section == "Pakistan"
    assert dawn.date == dt.date(2025, 1, 9)  # the print footer wins over date_published
    assert dawn.dateline == "Quetta" and dawn.byline == "Staff Reporter"
    assert "Header image" not in dawn.body and "Published in" not in dawn.body
    assert dawn.url == "https://www.dawn.com/news/1000001/council-approves-new-bus-routes"
    assert dawn.id == "dawn.com/news/1000001/council-approves-new-bus-routes"
    assert app.dateline == "Islamabad" and app.body.startswith("The federal government")
    assert len(app.paragraphs) == 2 and app.source == "APP" and app.date == dt.date(2025, 3, 1)
    assert bad == Skipped("sample.jsonl#3", "invalid JSON on line 3")
    assert generic.title == "Generic mapping works & decodes entities"
    assert generic.paragraphs == ["First paragraph of a generic record.", "Second paragraph."]
    assert generic.date == dt.date(2020, 5, 4) and generic.byline == "A. Writer"
    assert isinstance(not_object, Skipped) and isinstance(empty, Skipped)


def test_json_document_single_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text('{"title": "One", "content": "Body of one."}', encoding="utf-8")
    (tmp_path / "many.json").write_text(
        '[{"title": "A", "text": "Body a."}, {"title": "B", "text": "Body b."}]'
    )
    articles, skipped = read_all(tmp_path)
    assert not skipped
    assert sorted(a.origin for a in articles) == ["many.json#1", "many.json#2", "one.json"]


def test_a_broken_unicode_escape_costs_one_character_not_the_file(tmp_path: Path) -> None:
    """JSON may escape half of an emoji ("\\ud83d"); Python reads it as a lone surrogate,
    which no UTF-8 file or index can hold."""
    (tmp_path / "feed.jsonl").write_text(
        '{"title": "Broken \\ud83d emoji", "content": "A body \\ud83d here.", "link": "https://x.invalid/\\ud83d"}\n'
        '{"title": "Fine", "content": "Another body."}\n',
        encoding="utf-8",
    )
    articles, skipped = read_all(tmp_path)
    assert not skipped
    first = next(a for a in articles if a.title.startswith("Broken"))
    assert (first.title, first.body) == ("Broken \ufffd emoji", "A body \ufffd here.")
    assert first.url == "https://x.invalid/\ufffd" and first.id == "x.invalid/%EF%BF%BD"
    assert {a.title for a in articles} == {first.title, "Fine"}


def test_read_labelled_and_records_for_evaluation(tmp_path: Path) -> None:
    path = tmp_path / "bbc.jsonl"
    path.write_text('{"id": "tech/001.txt", "category": "tech", "title": "T", "body": "Some body."}\n')
    assert next(read_records(path))["category"] == "tech"
    article, label = next(read_labelled(path))
    assert label == "tech" and article.title == "T" and article.id == "bbc.jsonl#1"


def test_csv_with_header_row(readers_data: Path) -> None:
    first, second = read(SourceFile(readers_data / "sample.csv", readers_data))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.date == dt.date(2017, 2, 7) and first.source == "BBC"
    assert first.id == "bbc.co.uk/news/world-1" and first.origin == "sample.csv#1"
    assert len(first.paragraphs) == 2
    assert second.date == dt.date(2016, 12, 30) and second.source == "Al Jazeera"


def test_csv_quotes_inside_a_cell_are_kept_past_the_sniffed_start(tmp_path: Path) -> None:
    row = "2017-01-{:02d},https://example.com/{},Plain {},A body without quotes.\n"
    plain = "".join(row.format(n % 28 + 1, n, n) for n in range(80))
    quoted = '2017-02-01,https://example.com/q,Quoted,"Graham said ""no"" twice, then left the room."\n'
    path = tmp_path / "export.csv"
    path.write_text("publish_date,article_source_link,title,text\n" + plain + quoted, encoding="utf-8")
    assert len(plain) > 4096  # the quote comes after what the delimiter is guessed from
    last = list(read(SourceFile(path, tmp_path)))[-1]
    assert isinstance(last, Article)
    assert last.body == 'Graham said "no" twice, then left the room.'


def test_a_print_editions_closing_credit_dates_a_syndicated_copy(tmp_path: Path) -> None:
    body = "Sales rose. Su Yang / For China Daily (China Daily European Weekly 03/10/2017 page27)"
    path = tmp_path / "export.csv"
    path.write_text(f"publish_date,article_source_link,title,text\n2017/3/13,https://e.com/a,Cars,{body}\n")
    (article,) = read(SourceFile(path, tmp_path))
    assert isinstance(article, Article)
    assert article.date == dt.date(2017, 3, 10)  # the weekly's Friday issue, put online on Monday


def test_share_buttons_read_as_text_leave_the_body(tmp_path: Path) -> None:
    bar = "Send Facebook Twitter Google+ Whatsapp Tumblr linkedin stumble Digg reddit Newsvine Permalink http://dw.com/p/2VtOa"
    record = {
        "title": "Filter bubbles",
        "content": f"A site's algorithm selects. {bar} Virtual expedition: it began.",
    }
    path = tmp_path / "dw.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = read(SourceFile(path, tmp_path))
    assert isinstance(article, Article)
    assert article.body == "A site's algorithm selects. Virtual expedition: it began."
    kept = {"title": "T", "content": "He left Facebook and Twitter for good, he said."}
    path.write_text(json.dumps(kept) + "\n", encoding="utf-8")
    (article,) = read(SourceFile(path, tmp_path))
    assert isinstance(article, Article) and article.body == kept["content"]


def test_an_outlets_closing_call_to_action_leaves_the_body_and_the_article_stays(tmp_path: Path) -> None:
    promo = (
        "Do you have information you want to share with the Huffington Post? Here's how. "
        "Share this slide: How will Trump's first 100 days impact you? Learn more"
    )
    rows = [
        ("a", f"The bill passed on Tuesday. {promo}"),
        ("b", f'"We will not stop," he said."?{promo}'),  # glued on with no space, as exported
        ("c", "Officials met. The Morning Email helps you start your workday: breaking news. Learn more"),
        ("d", "The newsletter has 5,000 readers. She said she would subscribe."),
        ("e", "Kim said he leads the race. Learn more"),
    ]
    lines = "".join(
        f'2017-02-01,https://example.com/{name},T,"{text.replace(chr(34), 2 * chr(34))}"\n'
        for name, text in rows
    )
    path = tmp_path / "export.csv"
    path.write_text("publish_date,article_source_link,title,text\n" + lines, encoding="utf-8")
    bodies = [article.body for article in read(SourceFile(path, tmp_path)) if isinstance(article, Article)]
    assert bodies == [
        "The bill passed on Tuesday.",
        '"We will not stop," he said."?',
        "Officials met.",
        "The newsletter has 5,000 readers. She said she would subscribe.",  # no call to action: kept
        "Kim said he leads the race.",
    ]


def test_a_writers_contact_card_closing_a_story_leaves_the_body(tmp_path: Path) -> None:
    card = (
        "Ishtiaq Ahmed, APP’s Foreign Editor, leads coverage of the Prime Minister, President and "
        "Foreign Office – Reach out at 03335293238/ ishtiaq@example.com/ X: ishtiaq"
    )
    notice = "For queries, contact the section officer at 051-9218571 or so@example.gov.pk."
    records = [
        {"title": "T", "link": "https://example.com/a", "content": f"The minister met envoys.\n\n{card}"},
        {"title": "T", "link": "https://example.com/b", "content": f"Pilgrims were told.\n\n{notice}"},
        {
            "title": "T",
            "link": "https://example.com/c",
            "content": "Write to us.\n\nEmail: a@example.com, X:@fezi",
        },
    ]
    path = tmp_path / "app.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    bodies = [article.body for article in read(SourceFile(path, tmp_path)) if isinstance(article, Article)]
    # the card is about the writer; an office's contact notice is the story's own news
    assert bodies == ["The minister met envoys.", f"Pilgrims were told.\n\n{notice}", "Write to us."]


def test_reuters_sgml_and_labels(readers_data: Path) -> None:
    story, brief = read(SourceFile(readers_data / "sample.sgm", readers_data))
    assert isinstance(story, Article) and isinstance(brief, Article)
    assert story.id == "sample.sgm#7" and story.title == "PAKISTAN BUYS U.S. WHEAT"
    assert story.dateline == "New York" and story.date == dt.date(1987, 2, 26)
    assert story.paragraphs[1] == "The purchase was made under an export credit programme, they said."
    assert "Reuter" not in story.body and story.source == "Reuters"
    assert story.countries == () and story.people == () and story.topics == ()  # gold stays out of facets
    assert brief.title == "BANK RATE UNCHANGED" and brief.body == ""
    (article, labels), _ = reuters_labelled(readers_data / "sample.sgm")
    assert labels.places == ("pakistan", "usa") and labels.people == ("reagan",)
    assert labels.topics == ("grain", "wheat") and article == story


# --- archives ------------------------------------------------------------------------------------------


def test_gzip_and_zip_are_read_in_memory(readers_data: Path, tmp_path: Path) -> None:
    data = (readers_data / "sample.jsonl").read_bytes()
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/sample.csv", (readers_data / "sample.csv").read_bytes())
        archive.writestr("export/gates.txt", (readers_data / "peshawar-gates.txt").read_bytes())
        archive.writestr("__MACOSX/._gates.txt", b"\x00\x05junk")
    (tmp_path / "bundle.zip").write_bytes(buffer.getvalue())
    articles, skipped = read_all(tmp_path)
    origins = {a.origin for a in articles}
    assert {"wire.jsonl.gz#1", "wire.jsonl.gz#2", "wire.jsonl.gz#4"} <= origins
    assert {"bundle.zip/export/sample.csv#1", "bundle.zip/export/gates.txt"} <= origins
    assert sorted(os.listdir(tmp_path)) == ["bundle.zip", "wire.jsonl.gz"]  # nothing unpacked to disk
    assert len(skipped) == 3  # the three bad lines of sample.jsonl


def test_truncated_gzip_keeps_the_good_lines(readers_data: Path, tmp_path: Path) -> None:
    line = (readers_data / "sample.jsonl").read_text(encoding="utf-8").splitlines()[1] + "\n"
    packed = gzip.compress((line * 400).encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    articles, skipped = read_all(tmp_path)
    assert 0 < len(articles) < 400
    assert skipped[-1].reason.startswith("truncated gzip archive")


# --- bad input -----------------------------------------------------------------------------------------


def test_bad_input_is_skipped_with_reasons_and_the_rest_still_reads(
    readers_data: Path, tmp_path: Path
) -> None:
    shutil.copy(readers_data / "peshawar-gates.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.json").write_bytes(b"  \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "cut.html").write_bytes(
        b"<html><head><title>Half a page</title></head><body><div><p>Only a fe"
    )
    (tmp_path / "nothing.html").write_text(
        "<html><head><title>x</title><meta property='og:type' content='article'></head><body>"
        "<nav><a href='/'>Home</a></nav></body></html>"
    )
    (tmp_path / "broken.json").write_text('{"title": "x", "content": ')
    (tmp_path / "notes.xyz").write_text("nothing to see")
    (tmp_path / ".hidden.txt").write_text("hidden files are not input")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with (tmp_path / "huge.jsonl").open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk
    os.mkfifo(tmp_path / "pipe.txt")
    articles, skipped = read_all(tmp_path)
    assert [a.origin for a in articles] == ["good.txt"]
    reasons = {s.origin: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.json"] == "empty file"
    assert reasons["image.txt"] == "binary file"
    assert reasons["cut.html"] in ("not an article", "no article text")
    assert reasons["nothing.html"] == "no article text"
    assert reasons["broken.json"].startswith("invalid JSON")
    assert reasons["notes.xyz"].startswith("unsupported file type")
    assert reasons["loop"] == "symbolic link loop"
    assert reasons["sub/back"] == "symbolic link loop"
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert reasons["huge.jsonl"].startswith("huge file")
    assert reasons["pipe.txt"] == "not a regular file"
    assert ".hidden.txt" not in reasons
    assert all("\n" not in r for r in reasons.values())


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root can read any file, so permissions cannot make one unreadable"
)
def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("text")
    secret.chmod(0)
    _, skipped = read_all(tmp_path)
    assert skipped == [Skipped("secret.txt", "unreadable file (permission denied)")]


def test_discovery_is_sorted_and_relative(readers_data: Path) -> None:
    found = [f for f in discover([readers_data]) if isinstance(f, SourceFile)]
    assert [f.origin for f in found] == sorted(f.origin for f in found)
    assert all(f.root == readers_data for f in found)


# --- duplicates ----------------------------------------------------------------------------------------


def test_duplicates_by_url_and_by_text(readers_data: Path) -> None:
    articles, _ = read_all(
        readers_data / "sample.jsonl", readers_data / "sample.jsonl", readers_data / "bom.txt"
    )
    seen = Duplicates()
    verdicts = [seen.check(a) for a in articles]
    assert verdicts[:3] == [None, None, None]
    assert verdicts[3:6] == [Match(a.id, SAME_URL if a.url else SAME_TEXT) for a in articles[:3]]
    long_body = "A long wire story told in many words. " * 8
    first = Article(id="a.txt", title="Wire story", body=long_body, origin="a.txt")
    assert seen.check(first) is None
    same_text = Article(
        id="copy.txt", title="Another headline", body=long_body.upper() + "!!", origin="copy.txt"
    )
    assert seen.check(same_text) == Match("a.txt", SAME_TEXT)


def test_double_escaped_newlines_in_scraped_text() -> None:
    from indexer.readers.jsonlines import from_record

    article = from_record(
        {"title": "T", "content": "One.\\n\\nTwo.\\nPublished in Dawn, October 17th, 2025"}, "x#1"
    )
    assert isinstance(article, Article)
    assert article.paragraphs == ["One.", "Two."] and article.date == dt.date(2025, 10, 17)
