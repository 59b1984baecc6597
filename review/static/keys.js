// Keyboard shortcuts for the review pages. Loaded as a file (CSP forbids inline
// scripts); reads only the DOM the server rendered, never document text as HTML.
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function clickKey(key) {
    var el = document.querySelector('[data-key="' + key + '"]');
    if (!el) return false;
    if (el.tagName === "A") { window.location.href = el.href; return true; }
    if (el.tagName === "BUTTON" && el.form) { el.form.requestSubmit(el); return true; }
    el.click();
    return true;
  }

  // Queue: j/k move the selected row, Enter opens it.
  function moveRow(delta) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("table[data-nav=rows] tbody tr"));
    if (!rows.length) return false;
    var i = rows.findIndex(function (r) { return r.classList.contains("sel"); });
    var next = Math.max(0, Math.min(rows.length - 1, (i < 0 ? 0 : i + delta)));
    rows.forEach(function (r) { r.classList.remove("sel"); });
    rows[next].classList.add("sel");
    rows[next].scrollIntoView({ block: "nearest" });
    return true;
  }

  function openRow() {
    var row = document.querySelector("table[data-nav=rows] tbody tr.sel");
    if (row && row.dataset.href) { window.location.href = row.dataset.href; return true; }
    return false;
  }

  document.addEventListener("click", function (ev) {
    var row = ev.target.closest && ev.target.closest("table[data-nav=rows] tbody tr");
    if (row && ev.target.tagName !== "A" && row.dataset.href) window.location.href = row.dataset.href;
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var el = document.activeElement;
    if (typing(el)) {
      if (ev.key === "Escape") { el.blur(); ev.preventDefault(); }
      return;
    }
    var handled = false;
    var onQueue = !!document.querySelector("table[data-nav=rows]");
    switch (ev.key) {
      case "j": handled = onQueue ? moveRow(1) : clickKey("j"); break;
      case "k": handled = onQueue ? moveRow(-1) : clickKey("k"); break;
      case "Enter": handled = onQueue && openRow(); break;
      case "a": handled = clickKey("a"); break;
      case "r": handled = clickKey("r"); break;
      case "u": handled = clickKey("u"); break;
      case "c": {
        var input = document.getElementById("correct-value");
        if (input) { input.focus(); handled = true; }
        break;
      }
      case "n": {
        var note = document.querySelector("form.decision textarea[name=note]");
        if (note) { note.focus(); handled = true; }
        break;
      }
    }
    if (handled) ev.preventDefault();
  });

  // Enter inside the correction inputs submits the correction, not "accept".
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !ev.target.closest) return;
    var box = ev.target.closest("fieldset.correct");
    if (box && ev.target.tagName === "INPUT") {
      ev.preventDefault();
      var btn = box.querySelector("button[value=correct]");
      if (btn && btn.form) btn.form.requestSubmit(btn);
    }
  });
})();
