"""The walk through a task's comments: write one with a link and two lines, follow it, edit it, delete it."""

from playwright.sync_api import expect


def test_a_person_comments_on_a_task_edits_the_comment_and_deletes_it(visitor, alice):
    visitor.log_in(alice.email)
    page = visitor.page
    visitor.visit("/tasks/new")
    visitor.fill(Title="Plan the trip")
    visitor.press("Save")
    visitor.sees("No comments yet.")

    long_link = "https://example.com/" + "a-very-long-path-" * 10
    visitor.fill(Comment=f"Tickets: {long_link}\n<b>not bold</b>")
    visitor.press("Add a comment")
    visitor.sees("Comment added.")
    comment = page.locator(".comment-list li")
    expect(comment).to_have_count(1)
    expect(comment.get_by_role("link", name=long_link)).to_have_attribute("rel", "nofollow noopener")
    # innerText is the text as rendered: the line break is shown, the markup is text.
    assert comment.locator(".plain-text").evaluate("element => element.innerText") == (
        f"Tickets: {long_link}\n<b>not bold</b>"
    )

    visitor.follow("Edit your comment")
    visitor.fill(Comment="Tickets booked.")
    visitor.press("Save")
    visitor.sees("Comment saved.")
    expect(comment).to_contain_text("edited")

    visitor.press("Delete your comment", confirm="Delete this comment?")
    visitor.sees("Comment deleted.")
    visitor.sees("No comments yet.")
