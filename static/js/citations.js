// Optional: Escape closes an open tooltip; a tap on a sentence's "partly supported" note opens its
// explanation and a second tap, a tap elsewhere or Escape closes it (a tapped button keeps focus,
// so "closed" overrides the focus rule until focus moves on). Without this script, hover and focus
// still show both.
function closeMark(mark) {
  mark.classList.remove("is-open");
  if (mark.contains(document.activeElement)) mark.classList.add("is-closed");
}
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var active = document.activeElement;
  if (active && active.closest && active.closest(".cite")) active.blur();
  document.querySelectorAll(".support-mark").forEach(closeMark);
});
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".support-mark-button");
  document.querySelectorAll(".support-mark.is-open").forEach(function (mark) {
    if (!button || mark !== button.parentNode) closeMark(mark);
  });
  if (!button) return;
  var mark = button.parentNode;
  var shown = mark.classList.contains("is-open") || (!mark.classList.contains("is-closed") && event.detail === 0);
  if (shown) {
    closeMark(mark);
  } else {
    mark.classList.remove("is-closed");
    mark.classList.add("is-open");
  }
});
document.addEventListener("focusout", function (event) {
  var mark = event.target.closest && event.target.closest(".support-mark");
  if (mark) mark.classList.remove("is-closed");
});
