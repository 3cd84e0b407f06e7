// helder: "Lees voor" reads the page's main text aloud with the browser's own
// speech synthesis, in the page's language. Without speech synthesis (or
// without JavaScript) the button stays hidden. Works offline.
(function () {
  "use strict";
  var button = document.querySelector("[data-read-aloud]");
  if (!button || !("speechSynthesis" in window)) return;
  var speech = window.speechSynthesis;
  var lang = document.documentElement.lang || "nl";
  var start = button.getAttribute("data-start");
  var stop = button.getAttribute("data-stop");

  function text() {
    var main = document.querySelector("main");
    var clone = main.cloneNode(true);
    // Not what a listener needs: code, the glossary's pop-ups, the button.
    clone.querySelectorAll("pre, script, .term-tip, [data-read-aloud], .visually-hidden").forEach(function (n) { n.remove(); });
    return clone.innerText || clone.textContent || "";
  }
  function reset() {
    button.textContent = start;
    button.setAttribute("aria-pressed", "false");
  }

  button.hidden = false;
  reset();
  button.addEventListener("click", function () {
    if (speech.speaking) {
      speech.cancel();
      reset();
      return;
    }
    var utterance = new SpeechSynthesisUtterance(text());
    utterance.lang = lang;
    var voice = speech.getVoices().filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(lang.toLowerCase().slice(0, 2)) === 0; })[0];
    if (voice) utterance.voice = voice;
    utterance.onend = reset;
    utterance.onerror = reset;
    button.textContent = stop;
    button.setAttribute("aria-pressed", "true");
    speech.speak(utterance);
  });
  window.addEventListener("pagehide", function () { speech.cancel(); });
})();
