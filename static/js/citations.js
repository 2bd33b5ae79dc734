// Optional: Escape closes an open tooltip; a tap on a sentence's "partly supported" note opens and
// closes its explanation (some browsers give a tapped button no focus). Without this script, hover
// and focus still show both.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var active = document.activeElement;
  if (active && active.closest && active.closest(".cite, .support-mark")) active.blur();
  document.querySelectorAll(".support-mark.is-open").forEach(function (mark) { mark.classList.remove("is-open"); });
});
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".support-mark-button");
  document.querySelectorAll(".support-mark.is-open").forEach(function (mark) {
    if (!button || mark !== button.parentNode) mark.classList.remove("is-open");
  });
  if (button) button.parentNode.classList.toggle("is-open");
});
