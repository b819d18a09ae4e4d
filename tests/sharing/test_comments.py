"""Comments on a shared list's tasks: who may write them, how long their authors may change them, what
they look like on the task page, and whom a mention tells."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from factories import new_api_token, new_comment, set_zone
from smtp_sink import link_in
from sqlalchemy import func, select

from webapp import crud
from webapp.extensions import db
from webapp.models import Comment, Notification, User
from webapp.scheduler import run_once

WRITTEN = datetime(2030, 6, 12, 9, 0, tzinfo=UTC)
# A second before the 15 minutes are over, and a second after.
WINDOW_EDGES = [(timedelta(minutes=14, seconds=59), True), (timedelta(minutes=15, seconds=1), False)]


def person(household, role: str) -> User:
    return db.session.get(User, household.people[role].id)


def stored_bodies(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Comment.body).order_by(Comment.id)))


def comment_texts(page: str) -> list[str]:
    return re.findall(r'<div class="plain-text">(.*?)</div>', page, re.S)


def notifications_of(app, household, role: str) -> list[Notification]:
    with app.app_context():
        return list(db.session.scalars(select(Notification).where(Notification.user_id == household.people[role].id)))


# Who may comment ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_members_who_may_edit_the_task_comment_on_it(app, household, role):
    with app.app_context():
        comment = crud.add_comment(person(household, role), household.task, "  Watered on Monday.\n")
        assert (comment.body, comment.author_id, comment.edited_at) == (
            "Watered on Monday.",
            household.people[role].id,
            None,
        )


@pytest.mark.parametrize(
    "role, refusal", [("viewer", crud.ReadOnly), ("outsider", crud.NotFound), ("admin", crud.NotFound)]
)
def test_viewers_may_not_comment_and_to_others_the_task_does_not_exist(app, household, role, refusal):
    with app.app_context(), pytest.raises(refusal):
        crud.add_comment(person(household, role), household.task, "Let me in")
    assert stored_bodies(app) == []


def test_a_viewers_forged_comment_is_refused_with_403_and_nothing_is_stored(app, household, client_of):
    viewer = client_of("viewer")
    assert f'action="/tasks/{household.task}/comments"' not in viewer.get(f"/tasks/{household.task}").text

    for body in ("Sneaky", ""):
        assert viewer.post(f"/tasks/{household.task}/comments", data={"body": body}).status_code == 403
    assert client_of("outsider").post(f"/tasks/{household.task}/comments", data={"body": "Hi"}).status_code == 404
    assert stored_bodies(app) == []


def test_a_comment_on_a_task_in_the_trash_is_not_found(app, household):
    with app.app_context(), pytest.raises(crud.NotFound):
        crud.add_comment(person(household, "owner"), household.trashed, "Too late")


# Length -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, stored",
    [
        pytest.param("", None, id="empty"),
        pytest.param(" \n\t ", None, id="whitespace only"),
        pytest.param("k", "k", id="one character"),
        pytest.param("k" * 10_000, "k" * 10_000, id="10,000 characters"),
        pytest.param("  " + "k" * 10_000 + "\n", "k" * 10_000, id="10,000 once trimmed"),
        pytest.param("k\r\n" * 4_999 + "kk", "k\n" * 4_999 + "kk", id="10,000 with line breaks sent as CR LF"),
        pytest.param("k" * 10_001, None, id="10,001 characters"),
    ],
)
def test_a_comment_holds_1_to_10000_characters_once_trimmed(app, household, body, stored):
    with app.app_context():
        if stored is None:
            with pytest.raises(crud.InvalidComment) as refused:
                crud.add_comment(person(household, "editor"), household.task, body)
            assert refused.value.field == "body"
        else:
            crud.add_comment(person(household, "editor"), household.task, body)
    assert stored_bodies(app) == ([] if stored is None else [stored])


@pytest.mark.parametrize(
    "body, message",
    [("   ", "Write something to comment."), ("k" * 10_001, "A comment holds at most 10,000 characters.")],
)
def test_the_page_says_why_a_comment_was_refused_beside_the_field_and_keeps_nothing(
    app, household, client_of, body, message
):
    response = client_of("editor").post(f"/tasks/{household.task}/comments", data={"body": body})
    assert response.status_code == 422
    assert message in response.text and "Water the plants" in response.text
    assert stored_bodies(app) == []


# Changing one's own comment ----------------------------------------------------------------------


@pytest.mark.parametrize("later, allowed", WINDOW_EDGES)
def test_authors_edit_their_comment_within_15_minutes_of_writing_it(app, household, clock_at, later, allowed):
    clock_at(WRITTEN)
    with app.app_context():
        comment_id = crud.add_comment(person(household, "editor"), household.task, "Watered").id
    clock_at(WRITTEN + later)
    with app.app_context():
        editor = person(household, "editor")
        if allowed:
            edited = crud.edit_comment(editor, household.task, comment_id, "Watered and fed")
            assert edited.edited_at == (WRITTEN + later).replace(tzinfo=None, microsecond=0)
        else:
            with pytest.raises(crud.ReadOnly, match="only in the first 15 minutes"):
                crud.edit_comment(editor, household.task, comment_id, "Watered and fed")
    assert stored_bodies(app) == ["Watered and fed" if allowed else "Watered"]


@pytest.mark.parametrize("later, allowed", WINDOW_EDGES)
def test_authors_delete_their_comment_within_15_minutes_of_writing_it(app, household, clock_at, later, allowed):
    clock_at(WRITTEN)
    with app.app_context():
        comment_id = crud.add_comment(person(household, "editor"), household.task, "Watered").id
    clock_at(WRITTEN + later)
    with app.app_context():
        if allowed:
            crud.delete_comment(person(household, "editor"), household.task, comment_id)
        else:
            with pytest.raises(crud.ReadOnly, match="only in the first 15 minutes"):
                crud.delete_comment(person(household, "editor"), household.task, comment_id)
    assert stored_bodies(app) == ([] if allowed else ["Watered"])


def test_nobody_changes_someone_elses_comment_not_even_the_lists_owner(app, household, client_of):
    comment_id = new_comment(app, household.people["editor"], household.task, "Mine")
    owner = client_of("owner")
    for answer in (
        owner.get(f"/tasks/{household.task}/comments/{comment_id}/edit"),
        owner.post(f"/tasks/{household.task}/comments/{comment_id}/edit", data={"body": "Theirs now"}),
        owner.post(f"/tasks/{household.task}/comments/{comment_id}/delete"),
    ):
        assert answer.status_code == 403 and "You can only change your own comments." in answer.text
    assert stored_bodies(app) == ["Mine"]


def test_a_comment_of_another_task_or_none_at_all_is_not_found(app, household, client_of):
    with app.app_context():
        other = crud.create_task(person(household, "owner"), "Other chore", list_id=household.list).id
    comment_id = new_comment(app, household.people["editor"], other, "On the other task")
    editor = client_of("editor")
    for missing in (comment_id, comment_id + 1, 2**40):
        assert editor.post(f"/tasks/{household.task}/comments/{missing}/delete").status_code == 404
    assert stored_bodies(app) == ["On the other task"]


def test_an_editor_demoted_to_viewer_can_no_longer_change_their_comment(app, household, client_of):
    comment_id = new_comment(app, household.people["viewer"], household.task, "Written as an editor")
    viewer = client_of("viewer")
    page = viewer.get(f"/tasks/{household.task}").text
    assert "Written as an editor" in page and f"/comments/{comment_id}/edit" not in page
    assert viewer.post(f"/tasks/{household.task}/comments/{comment_id}/delete").status_code == 403
    assert stored_bodies(app) == ["Written as an editor"]


def test_editing_through_the_page_keeps_the_text_and_marks_the_comment_edited(app, household, client_of):
    editor = client_of("editor")
    added = editor.post(f"/tasks/{household.task}/comments", data={"body": "Watered"})
    assert added.status_code == 302 and re.search(r"#comment-\d+$", added.headers["Location"])
    comment_id = int(added.headers["Location"].rsplit("-", 1)[1])
    form = editor.get(f"/tasks/{household.task}/comments/{comment_id}/edit").text
    assert "Watered</textarea>" in form

    assert editor.post(f"/tasks/{household.task}/comments/{comment_id}/edit", data={"body": " "}).status_code == 422
    saved = editor.post(
        f"/tasks/{household.task}/comments/{comment_id}/edit", data={"body": "Watered twice"}, follow_redirects=True
    )
    assert "Comment saved." in saved.text and comment_texts(saved.text) == ["Watered twice"]
    assert re.search(r"eddie@example\.com</strong>\s*· [^<]* · edited", saved.text)

    deleted = editor.post(f"/tasks/{household.task}/comments/{comment_id}/delete", follow_redirects=True)
    assert "Comment deleted." in deleted.text and "No comments yet." in deleted.text


def test_edit_and_delete_buttons_show_on_ones_own_comments_only_while_they_may_be_changed(
    app, household, client_of, clock_at
):
    clock_at(datetime.now(UTC))
    mine = new_comment(app, household.people["editor"], household.task, "Mine")
    theirs = new_comment(app, household.people["owner"], household.task, "Theirs")
    editor = client_of("editor")
    page = editor.get(f"/tasks/{household.task}").text
    assert f"/comments/{mine}/edit" in page and f"/comments/{mine}/delete" in page
    assert f"/comments/{theirs}/edit" not in page and f"/comments/{theirs}/delete" not in page

    clock_at(datetime.now(UTC) + timedelta(minutes=16))
    page = editor.get(f"/tasks/{household.task}").text
    assert f"/comments/{mine}/edit" not in page and f"/comments/{mine}/delete" not in page


def test_sending_the_comment_form_twice_adds_the_comment_once(app, household, client_of):
    editor = client_of("editor")
    page = editor.get(f"/tasks/{household.task}").text
    token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', page).group(1)
    form = {"body": "Only once", "form_token": token}
    first = editor.post(f"/tasks/{household.task}/comments", data=form)
    again = editor.post(f"/tasks/{household.task}/comments", data=form)
    assert again.headers["Location"] == first.headers["Location"]
    assert stored_bodies(app) == ["Only once"]


# The task page -----------------------------------------------------------------------------------


def test_the_task_page_lists_comments_oldest_first_with_author_and_time_in_the_readers_zone(
    app, household, client_of, clock_at
):
    clock_at(WRITTEN)
    with app.app_context():
        crud.add_comment(person(household, "owner"), household.task, "First")
    clock_at(WRITTEN + timedelta(minutes=5))
    with app.app_context():
        crud.add_comment(person(household, "editor"), household.task, "Second")
    set_zone(app, household.people["viewer"], "Asia/Tokyo")

    page = client_of("viewer").get(f"/tasks/{household.task}").text

    assert comment_texts(page) == ["First", "Second"]
    assert re.search(r"olivia@example\.com</strong>\s*· Jun 12, 2030 18:00 Asia/Tokyo", page)
    assert re.search(r"eddie@example\.com</strong>\s*· Jun 12, 2030 18:05 Asia/Tokyo", page)


def test_the_comments_of_a_deleted_account_stay_shown_as_a_deleted_accounts(app, household, client_of):
    new_comment(app, household.people["editor"], household.task, "I was here")
    with app.app_context():
        crud.delete_user(household.people["editor"].id, acting_user=person(household, "admin"))
    page = client_of("owner").get(f"/tasks/{household.task}").text
    assert comment_texts(page) == ["I was here"]
    assert '<strong class="text-body">a deleted account</strong>' in page


def test_a_comment_is_plain_text_its_line_breaks_kept_and_its_web_addresses_links(app, household, client_of):
    body = "<script>alert('x')</script> *not bold*\nSee https://example.com/a?b=1&c=2. Or javascript:alert(1)"
    new_comment(app, household.people["editor"], household.task, body)
    page = client_of("owner").get(f"/tasks/{household.task}").text
    assert comment_texts(page) == [
        "&lt;script&gt;alert('x')&lt;/script&gt; *not bold*\n"
        'See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">https://example.com/a?b=1&amp;c=2</a>.'
        " Or javascript:alert(1)"
    ]
    assert "<script>alert" not in page


def test_the_form_to_comment_shows_to_editors_and_owners_only(household, client_of):
    for role, shown in (("owner", True), ("editor", True), ("viewer", False)):
        page = client_of(role).get(f"/tasks/{household.task}").text
        assert (f'action="/tasks/{household.task}/comments"' in page) is shown, role
        assert "No comments yet." in page


def test_a_long_discussion_shows_its_newest_page_with_links_to_the_earlier_ones(app, household, client_of):
    for n in range(crud.COMMENTS_PER_PAGE + 2):
        new_comment(app, household.people["editor"], household.task, f"Remark {n}")
    owner = client_of("owner")
    assert comment_texts(owner.get(f"/tasks/{household.task}").text) == ["Remark 100", "Remark 101"]
    first = comment_texts(owner.get(f"/tasks/{household.task}?page=1").text)
    assert len(first) == crud.COMMENTS_PER_PAGE and first[0] == "Remark 0"


# Mentions ---------------------------------------------------------------------------------------


def test_mentioning_a_member_tells_them_in_app_and_by_email_if_they_allow_it(app, household, client_of):
    with app.app_context():
        crud.set_email_notifications(person(household, "owner"), False)
    body = "Thanks @Vera@example.com, and (@olivia@example.com), not @oscar@example.com nor @me@eddie@example.com."
    client_of("editor").post(f"/tasks/{household.task}/comments", data={"body": body})

    [to_vera] = notifications_of(app, household, "viewer")
    assert to_vera.kind == "mention" and to_vera.task_id == household.task and to_vera.email_pending
    assert to_vera.text == f"eddie@example.com mentioned you on “Water the plants”: {body}"
    [to_olivia] = notifications_of(app, household, "owner")
    assert not to_olivia.email_pending
    assert notifications_of(app, household, "outsider") == []
    assert notifications_of(app, household, "editor") == []


def test_the_scheduler_emails_a_mention_to_those_who_allow_email_with_a_link_to_the_task(
    app, household, client_of, mailbox
):
    with app.app_context():
        crud.set_email_notifications(person(household, "owner"), False)
    client_of("editor").post(
        f"/tasks/{household.task}/comments", data={"body": "@vera@example.com @olivia@example.com: done?"}
    )
    with app.app_context():
        assert run_once().emails == 1
    message = mailbox.wait_for("vera@example.com", "eddie@example.com mentioned you on “Water the plants”")
    assert link_in(message) == f"/tasks/{household.task}"
    assert mailbox.to("olivia@example.com") == []


def test_mentioning_someone_who_is_no_member_tells_nobody_and_the_page_does_not_say(app, household, client_of):
    response = client_of("editor").post(
        f"/tasks/{household.task}/comments", data={"body": "@oscar@example.com @nobody@example.com"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 0
    page = client_of("editor").get(response.headers["Location"]).text
    assert "oscar" not in page.replace("@oscar@example.com @nobody@example.com", "")


def test_editing_a_comment_tells_only_the_members_it_newly_mentions(app, household):
    with app.app_context():
        editor = person(household, "editor")
        comment = crud.add_comment(editor, household.task, "Ask @olivia@example.com")
        crud.edit_comment(editor, household.task, comment.id, "Ask @olivia@example.com and @vera@example.com")
    assert len(notifications_of(app, household, "owner")) == 1
    assert len(notifications_of(app, household, "viewer")) == 1


def test_a_mention_in_a_long_comment_quotes_its_beginning(app, household):
    body = "@vera@example.com " + "k" * 500
    with app.app_context():
        crud.add_comment(person(household, "editor"), household.task, body)
    [to_vera] = notifications_of(app, household, "viewer")
    assert to_vera.text.endswith("…") and len(to_vera.text.split(": ", 1)[1]) == 200


def test_comments_go_with_their_task_when_it_is_deleted_for_good(app, household):
    new_comment(app, household.people["editor"], household.trashed, "On the old chore")
    with app.app_context():
        crud.delete_forever(person(household, "owner"), [household.trashed])
    assert stored_bodies(app) == []


def test_a_browsers_10000_characters_with_cr_lf_line_breaks_are_a_comment_of_10000(app, household, client_of):
    body = "k\r\n" * 4_999 + "kk"
    assert client_of("editor").post(f"/tasks/{household.task}/comments", data={"body": body}).status_code == 302
    assert stored_bodies(app) == ["k\n" * 4_999 + "kk"]


# The API ----------------------------------------------------------------------------------------


def test_the_api_reads_a_tasks_comments_oldest_first_page_by_page(app, household, client, clock_at):
    clock_at(WRITTEN)
    for n in range(3):
        new_comment(app, household.people["editor"], household.task, f"Remark {n}")
    with app.app_context():
        crud.delete_user(household.people["editor"].id, acting_user=person(household, "admin"))
    new_comment(app, household.people["owner"], household.task, "Remark 3")
    headers = {"Authorization": f"Bearer {new_api_token(app, household.people['viewer'])}"}

    answer = client.get(f"/api/v1/tasks/{household.task}/comments?per_page=3&page=2", headers=headers)

    assert answer.status_code == 200
    assert answer.json["total"] == 4
    [last] = answer.json["items"]
    assert last["body"] == "Remark 3" and last["task_id"] == household.task
    assert last["author"] == {"id": household.people["owner"].id, "email": "olivia@example.com"}
    assert last["created_at"] == "2030-06-12T09:00:00Z" and last["edited_at"] is None
    first = client.get(f"/api/v1/tasks/{household.task}/comments?limit=1", headers=headers).json["items"]
    assert [(each["body"], each["author"]) for each in first] == [("Remark 0", None)]


@pytest.mark.parametrize("role", ["outsider", "admin"])
def test_the_api_answers_404_for_the_comments_of_a_task_one_cannot_see(app, household, client, role):
    new_comment(app, household.people["owner"], household.task, "Private")
    headers = {"Authorization": f"Bearer {new_api_token(app, household.people[role])}"}
    answer = client.get(f"/api/v1/tasks/{household.task}/comments", headers=headers)
    assert answer.status_code == 404 and answer.json == {"detail": "Task not found"}
