/* stam-ar.js: the stem of an Arabic search word, for helder's offline
 * search page; loaded only by the search page of an Arabic site.
 *
 * Written by hand after the Snowball "arabic" algorithm (Assem Chelli and
 * Abdelkrim Aries), the version rust-stemmers 1.2.0 stems the index with at
 * build time. A query stem that differs finds nothing, so any change here
 * must keep `cargo test --test it stemmer_agreement` passing.
 *
 * A classic script: it adds helderStemmers.ar(word) for stam.js. Lengths
 * count code points, as the algorithm does.
 */
(function (root) {
  'use strict';
  var ALEF_HAMZA_ABOVE = '\u0623', ALEF_HAMZA_BELOW = '\u0625', ALEF_MADDA = '\u0622';
  var WAW_HAMZA = '\u0624', YEH_HAMZA = '\u0626', HAMZA = '\u0621';

  // What the normalisation before stemming does with one character: gone
  // (diacritics, tatweel, punctuation), a Western digit, or the plain
  // letter(s) of a presentation form.
  var BEFORE = {};
  '\u064b\u064c\u064d\u064e\u064f\u0650\u0652\u0651\u0640.,;:?!/*%\\"\u060c\u061b\u061f\u066a\u066b\u066c'
    .split('').forEach(function (ch) { BEFORE[ch] = ''; });
  for (var d = 0; d < 10; d++) BEFORE[String.fromCharCode(0x0660 + d)] = String(d);
  // Arabic Presentation Forms-B from U+FE80: each letter with how many
  // shaped forms it has (isolated, final, and initial, medial if it joins
  // on both sides).
  var SHAPES = [
    [HAMZA, 1], [ALEF_MADDA, 2], [ALEF_HAMZA_ABOVE, 2], [WAW_HAMZA, 2], [ALEF_HAMZA_BELOW, 2],
    [YEH_HAMZA, 4], ['\u0627', 2], ['\u0628', 4], ['\u0629', 2], ['\u062a', 4], ['\u062b', 4],
    ['\u062c', 4], ['\u062d', 4], ['\u062e', 4], ['\u062f', 2], ['\u0630', 2], ['\u0631', 2],
    ['\u0632', 2], ['\u0633', 4], ['\u0634', 4], ['\u0635', 4], ['\u0636', 4], ['\u0637', 4],
    ['\u0638', 4], ['\u0639', 4], ['\u063a', 4], ['\u0641', 4], ['\u0642', 4], ['\u0643', 4],
    ['\u0644', 4], ['\u0645', 4], ['\u0646', 4], ['\u0647', 4], ['\u0648', 2], ['\u0649', 2],
    ['\u064a', 4], ['\u0644' + ALEF_MADDA, 2], ['\u0644' + ALEF_HAMZA_ABOVE, 2],
    ['\u0644' + ALEF_HAMZA_BELOW, 2], ['\u0644\u0627', 2]
  ];
  var code = 0xfe80;
  SHAPES.forEach(function (shape) {
    for (var k = 0; k < shape[1]; k++) BEFORE[String.fromCharCode(code++)] = shape[0];
  });

  // Suffix and prefix tables: [affix, least word length, replacement].
  // The longest affix that matches counts; if the word is too short for
  // it, that step does nothing (no shorter affix is tried).
  function table(groups) {
    var rows = [];
    groups.forEach(function (g) {
      g[0].split(' ').forEach(function (affix) { rows.push([Array.from(affix), g[1], g[2] || '']); });
    });
    return rows;
  }
  var NOUN_1A = table([['\u064a \u0643 \u0647', 4],
    ['\u0646\u0627 \u0643\u0645 \u0647\u0627 \u0647\u0646 \u0647\u0645', 5], ['\u0643\u0645\u0627 \u0647\u0645\u0627', 6]]);
  var NOUN_1B = table([['\u0646', 6]]);
  var NOUN_2A = table([['\u0627 \u064a \u0648', 5]]);
  var NOUN_2B = table([['\u0627\u062a', 5]]);
  var NOUN_2C1 = table([['\u062a', 4]]);
  var NOUN_2C2 = table([['\u0629', 4]]);
  var NOUN_3 = table([['\u064a', 3]]);
  var VERB_1 = table([['\u0647 \u0643', 4],
    ['\u0646\u064a \u0646\u0627 \u0647\u0627 \u0647\u0645 \u0647\u0646 \u0643\u0645 \u0643\u0646', 5],
    ['\u0647\u0645\u0627 \u0643\u0645\u0627 \u0643\u0645\u0648', 6]]);
  var VERB_2A = table([['\u062a \u0627 \u0646 \u064a', 4], ['\u0646\u0627 \u062a\u0627 \u062a\u0646', 5],
    ['\u0627\u0646 \u0648\u0646 \u064a\u0646', 6], ['\u062a\u0645\u0627', 6]]);
  var VERB_2B = table([['\u0648\u0627 \u062a\u0645', 5]]);
  var VERB_2C = table([['\u0648', 4], ['\u062a\u0645\u0648', 6]]);
  var ALEF_MAQSURA = table([['\u0649', 0, '\u064a']]);
  var PREFIX_1 = [
    [ALEF_HAMZA_ABOVE + ALEF_HAMZA_ABOVE, ALEF_HAMZA_ABOVE], [ALEF_HAMZA_ABOVE + ALEF_MADDA, ALEF_MADDA],
    [ALEF_HAMZA_ABOVE + WAW_HAMZA, ALEF_HAMZA_ABOVE], [ALEF_HAMZA_ABOVE + '\u0627', '\u0627'],
    [ALEF_HAMZA_ABOVE + ALEF_HAMZA_BELOW, ALEF_HAMZA_BELOW]
  ].map(function (r) { return [Array.from(r[0]), 4, r[1]]; });
  var PREFIX_2 = table([['\u0641 \u0648', 4]]);
  // The article: a word that starts with it is a noun; it goes when the
  // word is long enough.
  var ARTICLE = table([['\u0628\u0627\u0644 \u0643\u0627\u0644', 5], ['\u0644\u0644 \u0627\u0644', 4]]);
  var DEFINED = table([['\u0628\u0627\u0644 \u0643\u0627\u0644', 6], ['\u0644\u0644 \u0627\u0644', 5]]);
  var PREFIX_3B = table([['\u0628', 4], ['\u0628\u0628', 4, '\u0628'], ['\u0643\u0643', 4, '\u0643']]);
  var PREFIX_3_VERB = table([['\u0633\u064a', 5, '\u064a'], ['\u0633\u062a', 5, '\u062a'],
    ['\u0633\u0646', 5, '\u0646'], ['\u0633' + ALEF_HAMZA_ABOVE, 5, ALEF_HAMZA_ABOVE]]);
  var PREFIX_4_VERB = table([['\u064a\u0633\u062a \u0646\u0633\u062a \u062a\u0633\u062a', 5, '\u0627\u0633\u062a']]);

  function arabic(word) {
    var s = Array.from(word), c = 0;
    var isNoun = true, isVerb = true, isDefined = false;

    // The longest row of `rows` that ends (backward) or starts (forward) at
    // the cursor, or null.
    function longest(rows, backward) {
      var best = null;
      rows.forEach(function (row) {
        var a = row[0], from = backward ? c - a.length : c;
        if (from < 0 || from + a.length > s.length || (best && best[0].length >= a.length)) return;
        for (var k = 0; k < a.length; k++) if (s[from + k] !== a[k]) return;
        best = row;
      });
      return best;
    }
    // One suffix step at the end: true if it removed or replaced something.
    function suffix(rows) {
      var len = s.length, row = longest(rows, true);
      if (!row || len < row[1]) return false;
      var from = c - row[0].length;
      s.splice.apply(s, [from, row[0].length].concat(Array.from(row[2])));
      c = from;
      return true;
    }
    // One prefix step at the cursor; the cursor goes past the replacement.
    function prefix(rows) {
      var len = s.length, row = longest(rows, false);
      if (!row || len < row[1]) return false;
      var by = Array.from(row[2]);
      s.splice.apply(s, [c, row[0].length].concat(by));
      c += by.length;
      return true;
    }
    function startsAt(x) {
      var a = Array.from(x);
      for (var k = 0; k < a.length; k++) if (s[c + k] !== a[k]) return false;
      return true;
    }
    // Restores the cursor when `f` fails, counted from the end as the
    // backward steps count it.
    function attempt(f) { var v = s.length - c; if (!f()) c = s.length - v; return true; }
    function first() {
      var v = s.length - c;
      for (var k = 0; k < arguments.length; k++) {
        if (arguments[k]()) return true;
        c = s.length - v;
      }
      return false;
    }
    function step(rows) { return function () { return suffix(rows); }; }
    function next() { if (c <= 0) return false; c--; return true; }

    // A definite article tells a noun (on the word as typed).
    var article = longest(ARTICLE, false);
    if (article && s.length >= article[1]) {
      isNoun = true; isVerb = false; isDefined = true;
    }

    // Normalisation: no vowel marks, Western digits, plain letters.
    s = Array.from(s.map(function (ch) {
      return Object.prototype.hasOwnProperty.call(BEFORE, ch) ? BEFORE[ch] : ch;
    }).join(''));

    // Suffixes, from the end.
    c = s.length;
    var v = s.length - c;
    var verb = function () {
      if (!isVerb) return false;
      return first(
        function () {
          var n = 0;
          while (true) {
            var before = s.length - c;
            if (!suffix(VERB_1)) { c = s.length - before; break; }
            n++;
          }
          return n >= 1 && first(step(VERB_2A), step(VERB_2C), next);
        },
        step(VERB_2B),
        step(VERB_2A));
    };
    var noun = function () {
      if (!isNoun) return false;
      attempt(function () {
        return first(
          step(NOUN_2C2),
          function () {
            return !isDefined && suffix(NOUN_1A) &&
              first(step(NOUN_2A), step(NOUN_2B), step(NOUN_2C1), next);
          },
          function () {
            return suffix(NOUN_1B) && first(step(NOUN_2A), step(NOUN_2B), step(NOUN_2C1));
          },
          function () { return !isDefined && suffix(NOUN_2A); },
          step(NOUN_2B));
      });
      return suffix(NOUN_3);
    };
    first(verb, noun, step(ALEF_MAQSURA));
    c = s.length - v;

    // Prefixes, from the start.
    c = 0;
    attempt(function () { return prefix(PREFIX_1); });
    attempt(function () {
      return !startsAt('\u0641\u0627') && !startsAt('\u0648\u0627') && prefix(PREFIX_2);
    });
    first(
      function () { return prefix(DEFINED); },
      function () { return isNoun && !startsAt('\u0628\u0627') && prefix(PREFIX_3B); },
      function () {
        if (!isVerb) return false;
        attempt(function () { return prefix(PREFIX_3_VERB); });
        if (!prefix(PREFIX_4_VERB)) return false;
        isVerb = true; isNoun = false;
        return true;
      });

    // Hamza: a last one becomes the plain hamza, the others their letter.
    var last = s.length - 1;
    if (last >= 0 && [ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA, WAW_HAMZA, YEH_HAMZA].indexOf(s[last]) >= 0) {
      s[last] = HAMZA;
    }
    var plain = {};
    plain[ALEF_HAMZA_ABOVE] = plain[ALEF_HAMZA_BELOW] = plain[ALEF_MADDA] = '\u0627';
    plain[WAW_HAMZA] = '\u0648';
    plain[YEH_HAMZA] = '\u064a';
    return s.map(function (ch) { return plain[ch] || ch; }).join('');
  }

  root.helderStemmers = root.helderStemmers || {};
  root.helderStemmers.ar = arabic;
})(typeof window !== 'undefined' ? window : globalThis);
