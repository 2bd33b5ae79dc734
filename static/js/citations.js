// Optional: previews, notes and arrivals that work by hand on a phone. Without this script, hover
// and focus still show previews and notes, [n] jumps to the reference and a linked passage or
// sentence is marked by CSS alone.
//
// - A tap on [n] opens its passage under the sentence's last line (never over the sentence) with a
//   link to the reference; a second tap, a tap elsewhere or Escape closes it. A mouse click or the
//   keyboard still follows the link to the reference.
// - A tap on a sentence's "partly supported" note opens its explanation, the same way.
// - Arriving at a sentence (#cite-…) or a passage (#passage-…) marks the whole of it and scrolls
//   it to the middle of the window. A tapped button or link keeps focus, so "closed" overrides the
//   focus rule until focus moves on.
(function () {
  var pointer = "mouse";
  document.addEventListener("pointerdown", function (event) { pointer = event.pointerType || "mouse"; }, true);
  document.addEventListener("touchstart", function () { pointer = "touch"; }, { capture: true, passive: true });

  function closeMark(mark) {
    mark.classList.remove("is-open");
    if (mark.contains(document.activeElement)) mark.classList.add("is-closed");
    var tip = mark.querySelector(".support-tip");
    if (tip) { tip.style.top = ""; tip.style.left = ""; }
  }

  // Closed stays closed while the pointer still rests on it or focus is still in it.
  function closeCite(cite) {
    cite.classList.remove("is-open");
    if (cite.contains(document.activeElement) || cite.matches(":hover")) cite.classList.add("is-closed");
    var tip = cite.querySelector(".cite-tip");
    if (tip) { tip.style.top = ""; tip.style.left = ""; }
  }

  function openCite(cite) {
    var link = cite.querySelector("a");
    var tip = cite.querySelector(".cite-tip");
    if (!link || !tip) return;
    if (!tip.querySelector(".cite-tip-ref")) {
      var ref = document.createElement("a");
      ref.className = "cite-tip-ref";
      ref.href = link.getAttribute("href");
      ref.textContent = "Go to reference " + link.textContent.trim();
      tip.appendChild(ref);
    }
    cite.classList.remove("is-closed");
    cite.classList.add("is-open");
    place(cite, tip);
  }

  // Under the last line of the sentence, inside the column: the sentence stays in view, uncovered.
  function place(holder, tip) {
    var box = holder.closest(".explainer-body") || document.body;
    var sentence = holder.closest(".sentence") || holder;
    var frame = box.getBoundingClientRect();
    var below = Math.max(sentence.getBoundingClientRect().bottom, holder.getBoundingClientRect().bottom);
    tip.style.top = Math.round(below - frame.top + 6) + "px";
    var width = tip.offsetWidth;
    var left = holder.getBoundingClientRect().left - frame.left - width / 2;
    tip.style.left = Math.round(Math.max(0, Math.min(left, frame.width - width))) + "px";
    var rect = tip.getBoundingClientRect();
    var overflow = rect.bottom - window.innerHeight + 8;
    var room = sentence.getBoundingClientRect().top - 8;
    if (overflow > 0) window.scrollBy(0, Math.max(0, Math.min(overflow, room)));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var active = document.activeElement;
    if (active && active.closest && active.closest(".cite")) active.blur();
    document.querySelectorAll(".support-mark").forEach(closeMark);
    document.querySelectorAll(".cite.is-open, .cite:hover").forEach(closeCite);
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : event.target.parentNode;
    var marker = target.closest(".cite > a");
    var inTip = target.closest(".cite-tip");
    var followed = target.closest(".cite-tip-ref");  // off to the reference: the preview has done its work
    if (followed) followed.blur();
    var leaving = followed ? followed.closest(".cite") : null;
    if (marker && !(pointer !== "mouse" && event.detail > 0)) leaving = marker.parentNode;  // a click or Enter
    if (leaving) markCitedHere(leaving);
    document.querySelectorAll(".cite.is-open").forEach(function (cite) {
      if (followed || ((!marker || cite !== marker.parentNode) && !cite.contains(inTip))) closeCite(cite);
    });
    if (marker && pointer !== "mouse" && event.detail > 0) {
      event.preventDefault();
      var cite = marker.parentNode;
      if (cite.classList.contains("is-open")) closeCite(cite);
      else openCite(cite);
    }

    var button = target.closest(".support-mark-button");
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
      var tip = mark.querySelector(".support-tip");
      if (tip && mark.closest(".explainer-body")) place(mark, tip);
    }
  });

  document.addEventListener("focusout", function (event) {
    var mark = event.target.closest && event.target.closest(".support-mark, .cite");
    if (mark) mark.classList.remove("is-closed");
  });
  document.addEventListener("mouseout", function (event) {
    var cite = event.target.closest && event.target.closest(".cite.is-closed");
    if (cite && !cite.contains(event.relatedTarget) && !cite.contains(document.activeElement)) {
      cite.classList.remove("is-closed");
    }
  });

  // Off from a marker to its reference: mark, among the reference's quotes, the ones this sentence
  // cites (a reference lists every passage of its source the explainer cites).
  function markCitedHere(cite) {
    document.querySelectorAll(".is-cited-here").forEach(function (el) { el.classList.remove("is-cited-here"); });
    var link = cite.querySelector(":scope > a");
    var reference = link && document.getElementById((link.getAttribute("href") || "").slice(1));
    if (!reference) return;
    var wanted = (cite.dataset.passages || "").split(" ");
    reference.querySelectorAll(".ref-quotes li[data-passages]").forEach(function (item) {
      var quoted = item.dataset.passages.split(" ");
      if (wanted.some(function (anchor) { return anchor && quoted.indexOf(anchor) >= 0; })) {
        item.classList.add("is-cited-here");
      }
    });
  }

  // Arrival at a sentence or a passage: mark all of it (a passage may be cut into several pieces)
  // and bring it whole into the middle of the window.
  function arrive() {
    document.querySelectorAll(".is-target").forEach(function (el) { el.classList.remove("is-target"); });
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;  // a malformed fragment names nothing
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var pieces = [target];
    if (target.classList.contains("cite")) {
      var sentence = target.closest(".sentence");
      if (sentence) pieces = [sentence];
    } else if (target.dataset.passage) {
      pieces = Array.prototype.slice.call(document.querySelectorAll('[data-passage="' + target.dataset.passage + '"]'));
    } else {
      return;
    }
    pieces.forEach(function (el) { el.classList.add("is-target"); });
    var top = Infinity, bottom = -Infinity;
    pieces.forEach(function (el) {
      var r = el.getBoundingClientRect();
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    });
    var height = bottom - top;
    var margin = 16;
    var shift = height + 2 * margin <= window.innerHeight ? top - (window.innerHeight - height) / 2 : top - margin;
    window.scrollBy(0, shift);
  }
  window.addEventListener("hashchange", arrive);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", arrive);
  else arrive();
  window.addEventListener("load", function () { if (location.hash) arrive(); });
})();
