// Optional: Escape closes an open citation tooltip. Without this script, hover and focus still show it.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var active = document.activeElement;
  if (active && active.closest && active.closest(".cite")) active.blur();
});
