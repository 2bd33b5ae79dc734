// The desk's small script (htmx does the requests): keyboard focus stays where the editor was, and a
// save that did not go through says so instead of failing silently.
(function () {
  "use strict";
  var pending = null;

  function status() {
    return document.getElementById("desk-status");
  }

  function say(text) {
    var region = status();
    if (!region) return;
    region.textContent = "";
    var note = document.createElement("p");
    note.className = "errornote";
    note.textContent = text;
    region.appendChild(note);
    region.focus();
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    // Only what the editor did (a form): the panel's own refresh must not move the focus.
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (!form) return;
    var active = document.activeElement;
    pending = {
      id: active && active.id ? active.id : null,
      after: form.dataset ? form.dataset.focusAfter : null,
      target: event.detail.target,
    };
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if ((xhr.responseURL || "").indexOf("/admin/login/") !== -1) {
      event.detail.shouldSwap = false;
      pending = null;
      say("Your session has ended, so nothing was saved. Log in again in another tab, then save again: your text is still here.");
    } else if (xhr.status >= 400) {
      event.detail.shouldSwap = false;
      pending = null;
      say("Not saved (" + xhr.status + "): " + (xhr.status === 403 ? "you may not make this change now." : "reload the page and try again."));
    }
  });

  document.addEventListener("htmx:sendError", function () {
    pending = null;
    say("The server could not be reached, so nothing was saved. Check the connection and save again.");
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!pending || event.detail.target !== pending.target) return;
    var target =
      (pending.id && document.getElementById(pending.id)) ||
      (pending.after && document.getElementById(pending.after)) ||
      status();
    pending = null;
    if (target && document.activeElement !== target) target.focus();
  });
})();
