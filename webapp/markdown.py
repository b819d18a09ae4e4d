"""Text people write, as HTML: task descriptions as CommonMark, comments as plain text with links.

Descriptions: markdown-it-py parses CommonMark with raw HTML switched off (it is shown as text), and
mdit-py-plugins adds task-list checkboxes, shown read-only. nh3 (the Ammonia sanitiser) then keeps
only the tags Markdown produces (no images), so even a parser bug cannot smuggle a script or a style into a
page, and gives every link rel="nofollow noopener".

Comments: every character is shown as written (escaped by markupsafe); linkify-it-py finds the http and
https addresses in it, which become links, and nh3 then keeps nothing but those links, with the same rel.
"""

from collections.abc import Sequence

import nh3
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape
from mdit_py_plugins.tasklists import tasklists_plugin

# Headings in a description sit under the page's own heading: "# Title" becomes an <h2>.
HEADING_OFFSET = 1
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "input", "label",
    "li", "ol", "p", "pre", "s", "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "input": {"checked"},
    "li": {"class"},
    "ol": {"start"},
    "ul": {"class"},
}
# Whatever the parser made of it, a checkbox in formatted text is a read-only picture of one.
FORCED_ATTRIBUTES = {"input": {"type": "checkbox", "disabled": "disabled"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"


def lower_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + HEADING_OFFSET, 6)}"


def image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    """An image becomes a link to it named by its alt text: pages load nothing from other sites."""
    image = tokens[index]
    source = str(image.attrGet("src"))
    name = renderer.renderInlineAsText(image.children or [], options, env) or source
    return f'<a href="{escapeHtml(source)}">{escapeHtml(name)}</a>'


def new_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
    parser.add_render_rule("image", image_as_link)
    # Each checkbox inside a <label> with its item's text, so it has a name a screen reader reads.
    parser.use(tasklists_plugin, label=True)
    parser.core.ruler.push("lower_headings", lower_headings)
    return parser


PARSER = new_parser()


def render_markdown(text: str | None) -> Markup:
    """The HTML of `text` read as Markdown, safe to put in a page as it is."""
    if not text:
        return Markup("")
    html = nh3.clean(
        PARSER.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        set_tag_attribute_values=FORCED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )
    return Markup(html)


# Only addresses written with http:// or https:// are links in plain text: no "www." guesses, no bare
# emails (an "@email" is a mention), no mailto:, ftp: or scheme-relative "//" ones.
PLAIN_TEXT_LINKS = (
    LinkifyIt(options={"fuzzy_link": False, "fuzzy_email": False})
    .add("ftp:", None)
    .add("//", None)
    .add("mailto:", None)
)
PLAIN_TEXT_SCHEMES = {"http", "https"}


def render_plain_text(text: str | None) -> Markup:
    """`text` escaped, with its web addresses made links. Line breaks stay characters: the element showing
    it keeps them (white-space: pre-wrap, the .plain-text class of static/css/app.css)."""
    if not text:
        return Markup("")
    parts = []
    shown = 0
    for link in PLAIN_TEXT_LINKS.match(text) or []:
        parts += [escape(text[shown : link.index]), Markup('<a href="{}">{}</a>').format(link.url, link.text)]
        shown = link.last_index
    parts.append(escape(text[shown:]))
    html = nh3.clean(
        "".join(parts), tags={"a"}, attributes={"a": {"href"}}, url_schemes=PLAIN_TEXT_SCHEMES, link_rel=LINK_REL
    )
    return Markup(html)
