// Keyboard shortcuts, a progressive enhancement: every action they take is also a link or a button
// reached with Tab and Enter. They never act while someone types in a field or holds a modifier key.
//   n  new task              /  search              ?  the list of shortcuts
//   j  next task in a list   k  previous task       x  select (tick) that task
//   c  complete that task (or the task shown)       e  edit that task (or the task shown)
// The page says where things are: data-shortcut="..." marks the element each key uses, and <body>
// carries the URLs of the new-task form and the task list for pages that have neither.

const typing = (element) =>
  element instanceof HTMLElement &&
  (element.isContentEditable || element.closest("input, textarea, select, [contenteditable]") !== null);

const rows = () => [...document.querySelectorAll("table.task-list > tbody > tr")];
const currentRow = () => document.activeElement?.closest("table.task-list > tbody > tr") ?? null;
const marked = (name, within = document) => within.querySelector(`[data-shortcut="${name}"]`);

function moveSelection(step) {
  const all = rows();
  if (all.length === 0) return;
  const index = all.indexOf(currentRow());
  const next = index === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(index + step, 0), all.length - 1);
  all[next].querySelector(".task-title a")?.focus();
}

function go(url) {
  if (url) window.location.assign(url);
}

const actions = {
  n: () => go(marked("new-task")?.href ?? document.body.dataset.newTaskUrl),
  "/": () => {
    const search = marked("search");
    if (search) search.focus();
    else go(document.body.dataset.searchUrl);
  },
  j: () => moveSelection(1),
  k: () => moveSelection(-1),
  x: () => currentRow()?.querySelector('input[type="checkbox"]')?.click(),
  c: () => (currentRow() ? currentRow().querySelector('button[form="complete-one"]') : marked("complete"))?.click(),
  e: () => {
    const row = currentRow();
    const table = row?.closest("table");
    if (row && table?.dataset.editUrl) go(table.dataset.editUrl.replace("/0/", `/${row.dataset.taskId}/`));
    else if (!row) go(marked("edit")?.href);
  },
  "?": () => document.getElementById("shortcuts")?.showModal(),
};

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (typing(event.target) || document.querySelector("dialog[open]")) return;
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

// A link to a field (such as /tasks/new#title, where "n" leads) puts the cursor in it.
window.addEventListener("DOMContentLoaded", () => {
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.matches("input, textarea, select")) target.focus();
});
