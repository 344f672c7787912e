"""URL identity: distinct articles stay distinct, tracking variants of one page collapse.

Each case is a real site's URL shape (the hosts are invented or the sites' own)."""

from __future__ import annotations

import pytest

from indexer.identity import article_id, canonical_url

#: Groups of URLs of ONE page each: every URL of a group has the same canonical form, and no
#: two groups share one.
SHAPES: dict[str, list[list[str]]] = {
    "PHP story.php?id=": [
        [
            "http://oldpaper.example/story.php?id=101",
            "http://oldpaper.example/story.php?id=101&utm_source=rss&utm_medium=feed",
            "https://www.oldpaper.example/story.php?utm_campaign=x&id=101#comments",
        ],
        ["http://oldpaper.example/story.php?id=102&utm_source=rss"],
        ["http://oldpaper.example/story.php?id=103&utm_source=rss"],
    ],
    "WordPress ?p=": [
        [
            "https://blog.example.pk/?p=123",
            "https://blog.example.pk/?p=123&fbclid=IwAR0abc",
            "http://blog.example.pk?p=123",
        ],
        ["https://blog.example.pk/?p=124"],
        ["https://blog.example.pk/"],
    ],
    "ASP article.asp?ArticleID=": [
        [
            "http://www.paper.example/article.asp?ArticleID=5501",
            "http://paper.example/article.asp?ArticleID=5501&ref=home",
        ],
        ["http://www.paper.example/article.asp?ArticleID=5502"],
        # Parameter names are case-sensitive to the server: a different name, maybe a different page.
        ["http://www.paper.example/article.asp?articleid=5501"],
    ],
    "Joomla option=com_content&id=": [
        [
            "http://news.example.org/index.php?option=com_content&view=article&id=45&Itemid=2",
            "http://news.example.org/index.php?Itemid=2&id=45&view=article&option=com_content&gclid=Cj0KCQ",
        ],
        ["http://news.example.org/index.php?option=com_content&view=article&id=46&Itemid=2"],
    ],
    "PHP-Nuke sid= is the story": [
        ["http://nuke.example/modules.php?name=News&file=article&sid=123"],
        ["http://nuke.example/modules.php?name=News&file=article&sid=124"],
    ],
    "PHP session ids": [
        [
            "http://local.example/news.php?id=7",
            "http://local.example/news.php?id=7&PHPSESSID=9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d",
            "http://local.example/news.php?id=7&sid=9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d",
        ],
    ],
    "Java jsessionid path parameter": [
        ["http://wire.example/article.do;jsessionid=A1B2C3D4E5?id=9", "http://wire.example/article.do?id=9"],
        ["http://wire.example/article.do?id=10"],
    ],
    "Dawn /news/ID/slug": [
        [
            "https://www.dawn.com/news/1517134/govt-to-go-ahead-with-plan",
            "http://dawn.com/news/1517134/govt-to-go-ahead-with-plan/",
            "HTTPS://WWW.DAWN.COM:443/news/1517134/govt-to-go-ahead-with-plan?utm_source=twitter#top",
        ],
        ["https://www.dawn.com/news/1517135/another-story"],
        # An AMP page is another address; its text, when long, still makes it a duplicate.
        ["https://www.dawn.com/news/1517134/govt-to-go-ahead-with-plan/amp"],
    ],
    "BBC with at_ tags": [
        [
            "https://www.bbc.co.uk/news/world-asia-50489347",
            "https://www.bbc.co.uk/news/world-asia-50489347?at_medium=RSS&at_campaign=KARANGA",
            "http://bbc.co.uk/news/world-asia-50489347?at_custom1=link",
        ],
        ["https://www.bbc.co.uk/news/world-asia-50489348"],
        ["https://www.bbc.com/news/world-asia-50489347"],  # another host: another page
    ],
    "Reuters feed tags": [
        [
            "https://www.reuters.com/article/us-pakistan-politics-idUSKBN1XU0XX",
            "https://reuters.com/article/us-pakistan-politics-idUSKBN1XU0XX?feedType=RSS&feedName=worldNews",
        ],
        ["https://www.reuters.com/article/us-pakistan-politics-idUSKBN1XU0YY"],
    ],
    "NYT with utm and smid": [
        [
            "https://www.nytimes.com/2019/11/20/world/asia/pakistan-imran-khan.html",
            "https://www.nytimes.com/2019/11/20/world/asia/pakistan-imran-khan.html?smid=tw-share&utm_source=x",
        ],
        ["https://www.nytimes.com/2019/11/21/world/asia/pakistan-imran-khan.html"],
    ],
    "Guardian CMP": [
        [
            "https://www.theguardian.com/world/2019/nov/20/pakistan-smog",
            "https://www.theguardian.com/world/2019/nov/20/pakistan-smog?CMP=share_btn_tw",
        ],
    ],
    "Mailchimp and Yahoo": [
        [
            "https://news.example.net/story/2019/x?mc_cid=abc&mc_eid=def",
            "https://news.example.net/story/2019/x?guccounter=1&guce_referrer=aHR0",
        ],
    ],
    "percent-encoding and IDNA": [
        [
            "http://urdu.example/news/caf%c3%a9",
            "http://urdu.example/news/café",
            "http://urdu.example/news/caf%C3%A9",
        ],
        ["http://bücher.example/a", "http://xn--bcher-kva.example/a"],
        ["http://urdu.example/~desk/a", "http://urdu.example/%7Edesk/a"],
    ],
    "ports": [
        ["http://port.example:80/a", "https://port.example:443/a", "http://port.example/a"],
        ["http://port.example:8080/a"],
    ],
    "hashbang pages": [
        ["http://ajax.example/#!/story/1", "https://ajax.example/#!/story/1"],
        ["http://ajax.example/#!/story/2"],
    ],
}


@pytest.mark.parametrize("site", sorted(SHAPES))
def test_distinct_pages_stay_distinct_and_variants_collapse(site: str) -> None:
    groups = [{canonical_url(url) for url in group} for group in SHAPES[site]]
    assert all(len(forms) == 1 and None not in forms for forms in groups), groups
    assert len({next(iter(forms)) for forms in groups}) == len(groups), groups


def test_the_canonical_form_is_host_path_and_sorted_query() -> None:
    assert (
        canonical_url("HTTPS://WWW.Dawn.com:443/news/1/x/?utm_source=fb&b=2&a=1#top")
        == "dawn.com/news/1/x?a=1&b=2"
    )
    assert canonical_url("//cdn.example/a/") == "cdn.example/a"
    assert canonical_url("http://oldpaper.example/story.php?id=101&utm_source=rss") == (
        "oldpaper.example/story.php?id=101"
    )


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "javascript:alert(1)",
        "mailto:desk@example.org",
        "ftp://x.example/a",
        "news.txt",
        "http://x:abc/",
    ],
)
def test_what_is_not_a_web_address_has_no_canonical_form(url: str) -> None:
    assert canonical_url(url) is None


def test_the_id_is_the_canonical_url_else_the_origin() -> None:
    assert article_id("https://www.dawn.com/news/1/x?utm_source=a", "dawn.jsonl#3") == "dawn.com/news/1/x"
    assert article_id(None, "dawn.jsonl#3") == "dawn.jsonl#3"
    assert article_id("javascript:void(0)", "page.html") == "page.html"
