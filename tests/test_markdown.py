"""Task descriptions are Markdown (CommonMark), rendered on the server and sanitised, with a Preview."""

import re
from html.parser import HTMLParser

import pytest
from factories import new_task, post_task
from helpers import created_id

from webapp.markdown import render_markdown


@pytest.mark.parametrize(
    "text, html",
    [
        ("*soon* and **now**", "<p><em>soon</em> and <strong>now</strong></p>"),
        ("- milk\n- bread", "<ul>\n<li>milk</li>\n<li>bread</li>\n</ul>"),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        ("Run `make test`", "<p>Run <code>make test</code></p>"),
        ("```\nmake run\n```", "<pre><code>make run\n</code></pre>"),
        ("~~cancelled~~", "<p><s>cancelled</s></p>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
    ],
)
def test_commonmark_formatting_is_rendered(text, html):
    assert render_markdown(text).strip() == html


def test_links_are_kept_and_marked_nofollow_noopener():
    html = render_markdown("See [the docs](https://example.com/docs) and <https://example.org>")
    assert '<a href="https://example.com/docs" rel="nofollow noopener">the docs</a>' in html
    assert '<a href="https://example.org" rel="nofollow noopener">https://example.org</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "<script>alert(1)</script>",
        '<a href="https://example.com" onclick="alert(1)">raw</a>',
        '<img src="x" onerror="alert(1)">',
        "<style>body { display: none }</style>",
    ],
)
def test_raw_html_and_script_links_never_reach_the_page(text):
    elements = Elements()
    elements.feed(render_markdown(text))
    assert elements.tags == ["p"]  # what was written stays as text in a paragraph
    assert elements.attributes == []


class Elements(HTMLParser):
    """The tags and attributes of some HTML, in order."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>bold?</b>").strip() == "<p>&lt;b&gt;bold?&lt;/b&gt;</p>"


def checkbox(html: str, text: str) -> set[str]:
    """The attributes of the checkbox labelled by `text` (the sanitiser writes them in any order)."""
    found = re.search(rf"<label><input ([^>]*)> {text}</label>", html)
    assert found, f"no checkbox labelled {text!r} in {html}"
    return set(found.group(1).split())


def test_task_list_checkboxes_are_read_only_and_named_by_their_text():
    html = render_markdown("- [ ] buy stamps\n- [x] write the letter")
    assert checkbox(html, "buy stamps") == {'type="checkbox"', 'disabled="disabled"'}
    assert checkbox(html, "write the letter") == {'type="checkbox"', 'disabled="disabled"', 'checked="checked"'}


def test_images_become_links_so_pages_load_nothing_from_elsewhere():
    html = render_markdown("![the receipt](https://example.com/receipt.png)")
    assert "<img" not in html
    assert '<a href="https://example.com/receipt.png" rel="nofollow noopener">the receipt</a>' in html


def test_headings_sit_below_the_pages_own_heading():
    assert render_markdown("# Steps\n###### Small").strip() == "<h2>Steps</h2>\n<h6>Small</h6>"


def test_no_text_renders_as_nothing():
    assert render_markdown(None) == "" and render_markdown("") == ""


def test_a_tasks_page_shows_its_description_formatted(alice_client):
    task_id = new_task(alice_client, description="Bring **both** forms <b>now</b>\n\n- [x] photo")
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "<strong>both</strong>" in page and "&lt;b&gt;now&lt;/b&gt;" in page
    assert 'disabled="disabled"' in checkbox(page, "photo")


def test_preview_on_the_new_task_form_shows_the_description_and_stores_nothing(alice_client):
    response = post_task(alice_client, title="Pay rent", description="Before *Friday*", preview="1")
    assert response.status_code == 200
    assert "Preview of the description" in response.text
    assert "<em>Friday</em>" in response.text
    assert 'value="Pay rent"' in response.text and "Before *Friday*</textarea>" in response.text
    assert "You have no tasks yet." in alice_client.get("/tasks/").text


def test_preview_of_an_empty_description_says_so_and_skips_validation(alice_client):
    response = post_task(alice_client, title="", preview="1")
    assert response.status_code == 200
    assert "The description is empty." in response.text
    assert "This field is required." not in response.text


def test_preview_on_the_edit_form_keeps_the_saved_task_and_then_saves(alice_client):
    task_id = new_task(alice_client, title="Pay rent", description="old")
    data = {"title": "Pay rent", "description": "**new**", "status": "pending", "due_date": "", "version": 1}
    preview = alice_client.post(f"/tasks/{task_id}/edit", data=data | {"preview": "1"})
    assert preview.status_code == 200 and "<strong>new</strong>" in preview.text
    assert "<p>old</p>" in alice_client.get(f"/tasks/{task_id}").text

    saved = alice_client.post(f"/tasks/{task_id}/edit", data=data)
    assert created_id(saved) == task_id
    assert "<strong>new</strong>" in alice_client.get(f"/tasks/{task_id}").text


def test_the_task_form_offers_a_preview_button_after_save(alice_client):
    page = alice_client.get("/tasks/new").text
    assert page.index(">Save</button>") < page.index('name="preview" value="1">Preview</button>')
