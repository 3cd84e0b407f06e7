// helder's page editor: sends the form to helder serve, which renders the
// preview with the build's own stages and saves the page. Hand-written, no
// build step; every word comes from the page (#woorden).
(function () {
  "use strict";
  var form = document.getElementById("bewerk");
  if (!form) return;
  var words = JSON.parse(document.getElementById("woorden").textContent);
  var token = document.querySelector('meta[name="helder-token"]').content;
  var text = document.getElementById("tekst");
  var frame = document.getElementById("voorbeeld");
  var list = document.getElementById("bevindingen");
  var stand = document.getElementById("voorbeeld-stand");
  var note = document.getElementById("melding");
  var picker = document.getElementById("bestand");
  var isNew = !form.dataset.pad;
  var hash = form.dataset.hash;
  var timer = null, asked = 0, pathTouched = false, textTouched = !isNew, bodyLine = 1;
  var shownFor = { datum: ["evening", "event", "news"], avond: ["evening"],
    activiteit: ["event"], plaats: ["evening", "event"], pet: ["cap"] };

  function field(name) { return form.elements.namedItem(name); }
  function value(name) {
    var el = field(name);
    if (!el || (el.closest && el.closest("[hidden]"))) return "";
    return el.value;
  }
  function ticked(name) {
    return Array.prototype.map.call(
      form.querySelectorAll('input[name="' + name + '"]:checked'),
      function (box) { return box.value; });
  }
  function slug(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  }
  function suggestedPath() {
    var type = value("type"), audience = value("audience");
    var folder = ticked("classes")[0] || ticked("bands")[0] || "";
    if (audience === "team" || audience === "training") folder = audience;
    if (type === "cap") folder = "kanjer";
    var name = slug(value("title")) || "nieuwe-pagina";
    return (folder ? folder + "/" : "") + name + ".md";
  }
  function path() { return isNew ? (value("pad").trim() || suggestedPath()) : form.dataset.pad; }
  function change() {
    return {
      pad: path(), hash: hash, tekst: text.value,
      velden: {
        title: value("title"), type: value("type"), audience: value("audience"),
        bands: ticked("bands"), classes: ticked("classes"), date: value("date"),
        time: value("time"), start: value("start"), end: value("end"),
        location: value("location"), summary: value("summary"), color: value("color"),
        draft: field("draft").checked
      }
    };
  }
  function post(action, body, type) {
    return fetch("/_helder/api/" + action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": type || "application/json", "X-Helder-Token": token }
    }).then(function (r) {
      return r.json().then(function (j) { j.status = r.status; return j; });
    });
  }

  // Only the fields the type needs are shown (and sent).
  function showFields() {
    var type = value("type");
    Array.prototype.forEach.call(form.querySelectorAll("[data-voor]"), function (el) {
      el.hidden = shownFor[el.dataset.voor].indexOf(type) < 0;
    });
    if (isNew && !textTouched) {
      var key = type === "news" && ticked("classes").length ? "news-klas" : type;
      text.value = words.starters[key] || "";
    }
    if (isNew && !pathTouched) field("pad").value = suggestedPath();
  }

  function item(line, label, message, help, id) {
    var li = document.createElement("li");
    if (id) li.dataset.id = id;
    var go = document.createElement("button");
    go.type = "button";
    go.textContent = words.regel + " " + line;
    go.addEventListener("click", function () { toLine(line - bodyLine + 1); });
    li.appendChild(go);
    li.appendChild(document.createTextNode(" " + label + ": " + message + (help ? " " + help : "")));
    list.appendChild(li);
  }
  // Puts the cursor at the start of line n of the text.
  function toLine(n) {
    var lines = text.value.split("\n"), at = 0;
    for (var i = 0; i < Math.max(0, n - 1) && i < lines.length; i++) at += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(at, at + (lines[n - 1] || "").length);
  }
  function show(j) {
    list.textContent = "";
    bodyLine = j.tekstregel || 1;
    if (j.fout) { stand.textContent = j.fout; return; }
    (j.fouten || []).forEach(function (f) { item(f.regel || bodyLine, words.fout, f.bericht, f.hulp); });
    if (j.html === undefined) { stand.textContent = words.klaar; return; }
    (j.bevindingen || []).forEach(function (f) {
      item(f.regel, f.fout ? words.fout : words.waarschuwing, f.bericht, f.voorstel, f.id);
    });
    if (!list.children.length) {
      var li = document.createElement("li");
      li.textContent = words.geenBevindingen;
      list.appendChild(li);
    }
    frame.srcdoc = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><base href="' +
      j.basis.replace(/"/g, "&quot;") + '"><link rel="stylesheet" href="/assets/helder.css"></head>' +
      '<body><main id="main"><h1></h1>' + j.html + "</main></body></html>";
    frame.onload = function () { mark(j); };
    stand.textContent = words.klaar;
  }
  // Marks each finding's first words in the preview.
  function mark(j) {
    var doc = frame.contentDocument;
    if (!doc) return;
    doc.querySelector("h1").textContent = j.titel || "";
    (j.bevindingen || []).forEach(function (f) {
      var first = (f.tekst || "").split(" ").slice(0, 4).filter(Boolean);
      if (!first.length) return;
      var re = new RegExp(first.map(function (w) {
        return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }).join("\\s+"));
      var walk = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
      for (var node = walk.nextNode(); node; node = walk.nextNode()) {
        if (node.parentNode.closest("mark")) continue;
        var hit = re.exec(node.nodeValue);
        if (!hit) continue;
        var start = node.splitText(hit.index);
        start.splitText(hit[0].length);
        var m = doc.createElement("mark");
        m.title = f.id + ": " + f.bericht;
        start.parentNode.replaceChild(m, start);
        m.appendChild(start);
        break;
      }
    });
  }
  function preview() {
    var mine = ++asked;
    stand.textContent = words.bezig;
    post("voorbeeld", JSON.stringify(change())).then(function (j) {
      if (mine === asked) show(j);
    }, function () { stand.textContent = words.netwerk; });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  }

  // The toolbar: each button puts Markdown around the selection or at the cursor.
  function insert(before, middle, after) {
    var a = text.selectionStart, b = text.selectionEnd;
    var chosen = text.value.slice(a, b) || middle;
    text.setRangeText(before + chosen + after, a, b, "end");
    text.focus();
    text.setSelectionRange(a + before.length, a + before.length + chosen.length);
    textTouched = true;
    later();
  }
  function lineStart() {
    var a = text.selectionStart;
    return a === 0 || text.value[a - 1] === "\n" ? "" : "\n\n";
  }
  var actions = {
    kop: function () { insert(lineStart() + "## ", words.kop, "\n"); },
    vet: function () { insert("**", words.vet, "**"); },
    lijst: function () { insert(lineStart() + "- ", words.punt, "\n"); },
    link: function () {
      var to = window.prompt(words.linkVraag, "https://");
      if (to) insert("[", words.linkTekst, "](" + to.trim() + ")");
    },
    afbeelding: function () { picker.click(); },
    kader: function () { insert(lineStart() + "> [!NOTE]\n> ", words.kader, "\n"); }
  };
  form.querySelector(".balk").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-doe]");
    if (b) actions[b.dataset.doe]();
  });

  function upload(file) {
    if (!file) return;
    note.textContent = words.afbeeldingBezig;
    var q = "?pagina=" + encodeURIComponent(path()) + "&naam=" + encodeURIComponent(file.name);
    post("afbeelding" + q, file, "application/octet-stream").then(function (j) {
      if (j.fout) { note.textContent = j.fout; return; }
      note.textContent = "";
      var alt = window.prompt(words.alt, "") || "";
      insert(lineStart() + "![" + alt.replace(/[\[\]]/g, "") + "](", "", j.naam + ")\n");
    }, function () { note.textContent = words.netwerk; });
  }
  picker.addEventListener("change", function () { upload(picker.files[0]); picker.value = ""; });
  text.addEventListener("dragover", function (e) { e.preventDefault(); });
  text.addEventListener("drop", function (e) {
    var files = e.dataTransfer && e.dataTransfer.files;
    if (files && files.length) { e.preventDefault(); upload(files[0]); }
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    note.textContent = words.opslaanBezig;
    var sent = change();
    post("opslaan", JSON.stringify(sent)).then(function (j) {
      var conflict = document.getElementById("conflict");
      if (j.status === 409 && j.schijf !== undefined) {
        document.getElementById("conflict-mijn").textContent = sent.tekst;
        document.getElementById("conflict-schijf").textContent = j.schijf || "";
        conflict.hidden = false;
        note.textContent = j.fout;
        document.getElementById("conflict-kop").focus();
        return;
      }
      if (j.fouten) { note.textContent = (j.fouten[0] || {}).bericht || ""; show(j); return; }
      if (j.fout) { note.textContent = j.fout; return; }
      conflict.hidden = true;
      hash = j.hash;
      note.textContent = j.melding;
      if (isNew) location.assign("/_helder/bewerk/" + sent.pad.split("/").map(encodeURIComponent).join("/"));
    }, function () { note.textContent = words.netwerk; });
  });

  form.addEventListener("input", function (e) {
    if (e.target === text) textTouched = true;
    if (e.target.name === "pad") pathTouched = true;
    later();
  });
  form.addEventListener("change", function (e) {
    if (e.target.name === "type" || e.target.name === "classes" || e.target.name === "bands" ||
        e.target.name === "audience" || e.target.name === "title") showFields();
  });
  showFields();
  preview();
})();
