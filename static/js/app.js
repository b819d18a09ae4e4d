// Progressive enhancement only: every page works without this file.
document.addEventListener("submit", (event) => {
  // A button may carry its own question (e.g. "Delete forever" in a shared form).
  const question = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// "All on this page" also ticks (or unticks) every row's box, so the choice is visible.
// Unticking a row means "not all of them" any more.
document.addEventListener("change", (event) => {
  const allOnPage = document.getElementById("all_on_page");
  if (!allOnPage) return;
  if (event.target === allOnPage) {
    for (const box of document.querySelectorAll('input[form="bulk"][name="ids"]')) {
      box.checked = allOnPage.checked;
    }
  } else if (event.target.matches('input[form="bulk"][name="ids"]') && !event.target.checked) {
    allOnPage.checked = false;
  }
});

// Registration proposes the browser's time zone (without this script the account starts in UTC).
for (const field of document.querySelectorAll("input[data-browser-time-zone]")) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) field.value = zone;
}
