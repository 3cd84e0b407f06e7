// helder slides: present a slides page one slide at a time. Without this
// script the page is a plain, readable list of slides. Works offline.
(function () {
  "use strict";
  var deck = document.querySelector("[data-deck]");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
  if (!slides.length) return;
  var current = 0;
  var on = false;

  var bar = document.createElement("div");
  bar.className = "deck-bar";
  bar.innerHTML =
    '<button type="button" class="deck-prev">Vorige</button>' +
    '<span class="deck-count" aria-live="polite"></span>' +
    '<button type="button" class="deck-next">Volgende</button>' +
    '<button type="button" class="deck-close">Stoppen</button>';
  var count = bar.querySelector(".deck-count");

  var start = document.createElement("button");
  start.type = "button";
  start.className = "deck-start";
  start.textContent = "Presenteren";
  deck.querySelector(".page-head").appendChild(start);

  function show(n) {
    current = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, i) { s.hidden = on && i !== current; });
    count.textContent = (current + 1) + " / " + slides.length;
    if (on) {
      history.replaceState(null, "", "#dia-" + (current + 1));
      slides[current].focus({ preventScroll: true });
    }
  }
  function open(n) {
    on = true;
    document.body.classList.add("presenting");
    deck.appendChild(bar);
    slides.forEach(function (s) { s.tabIndex = -1; });
    show(n);
  }
  function close() {
    on = false;
    document.body.classList.remove("presenting");
    if (bar.parentNode) bar.parentNode.removeChild(bar);
    show(current);
    slides[current].scrollIntoView();
    start.focus();
  }

  start.addEventListener("click", function () { open(0); });
  bar.querySelector(".deck-prev").addEventListener("click", function () { show(current - 1); });
  bar.querySelector(".deck-next").addEventListener("click", function () { show(current + 1); });
  bar.querySelector(".deck-close").addEventListener("click", close);

  document.addEventListener("keydown", function (e) {
    if (!on || e.altKey || e.ctrlKey || e.metaKey) return;
    var keys = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
    if (e.key in keys) { show(current + keys[e.key]); e.preventDefault(); }
    else if (e.key === "Home") { show(0); e.preventDefault(); }
    else if (e.key === "End") { show(slides.length - 1); e.preventDefault(); }
    else if (e.key === "Escape") { close(); }
  });

  var x0 = null;
  deck.addEventListener("touchstart", function (e) { x0 = e.touches[0].clientX; }, { passive: true });
  deck.addEventListener("touchend", function (e) {
    if (!on || x0 === null) return;
    var dx = e.changedTouches[0].clientX - x0;
    if (Math.abs(dx) > 50) show(current + (dx < 0 ? 1 : -1));
    x0 = null;
  });

  var m = /^#dia-(\d+)$/.exec(location.hash);
  if (m) open(parseInt(m[1], 10) - 1);
})();
