// Drag and drop on a list's board. It posts the very form of the card's "Move to ..." button for the
// column it is dropped on, and shows the board the server answers with: the moved card and its message,
// or (409) the current board and why the move was refused. Without this file the buttons do the same.
(() => {
  let dragged = null;

  const columnOf = (event) => (event.target instanceof Element ? event.target.closest(".board-column") : null);

  document.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest(".board-card") : null;
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.taskId);
  });

  document.addEventListener("dragover", (event) => {
    const column = columnOf(event);
    if (!dragged || !column) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });

  document.addEventListener("dragleave", (event) => {
    const column = columnOf(event);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("dragend", () => {
    dragged = null;
    for (const column of document.querySelectorAll(".drop-target")) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", async (event) => {
    const column = columnOf(event);
    const card = dragged;
    if (!card || !column) return;
    event.preventDefault();
    column.classList.remove("drop-target");
    const input = card.querySelector(`input[name="status"][value="${column.dataset.status}"]`);
    if (!input) return; // dropped back on its own column
    const response = await fetch(input.form.action, { method: "POST", body: new FormData(input.form) });
    showBoard(await response.text());
  });

  function showBoard(html) {
    const main = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    if (main) document.querySelector("main").replaceWith(main);
  }
})();
