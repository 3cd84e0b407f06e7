/* stam.js: the stem of a search word, for helder's offline search page.
 *
 * Hand-written because no Dutch stemmer exists for the browser without
 * pulling in a dependency. It must agree exactly with rust-stemmers 1.2.0
 * (the Snowball "dutch" and "english" algorithms), which stemmed the words
 * of the index at build time: a query stem that differs finds nothing. Any
 * change here must keep `cargo test --test it stemmer_agreement` passing.
 *
 * A classic script (pages opened from disk cannot load modules): it defines
 * one global, helderStam(word, lang). Turkish and Arabic words go to
 * helderStemmers.tr and .ar (stam-tr.js, stam-ar.js) when the page loaded
 * them.
 */
function helderStam(word, lang) {
  'use strict';
  var w = String(word == null ? '' : word).toLowerCase();
  // The same tests as stems_dutch(), stems_english(), stems_turkish() and
  // stems_arabic() in src/output/search.rs. Turkish and Arabic live in
  // stam-tr.js and stam-ar.js, which only their own search pages load.
  lang = String(lang || '');
  if (lang === 'en' || lang.slice(0, 3) === 'en-') return english(w);
  var own = { tr: 'tr', ar: 'ar' }[lang.slice(0, 2)];
  if (own && (lang.length === 2 || lang.charAt(2) === '-')) {
    var more = typeof helderStemmers === 'undefined' ? null : helderStemmers[own];
    return more ? more(w) : w;
  }
  if (lang !== 'nl' && lang.slice(0, 3) !== 'nl-') return w;

  // Snowball's vowels. 'è' is one, yet keeps its accent; marked 'I'/'Y'
  // (consonants, see below) are not.
  function isV(c) { return !!c && 'aeiouyè'.indexOf(c) >= 0; }

  // Accents Snowball drops: naïef -> naief, ideeën -> ideeen.
  w = w.replace(/[áäéëíïóöúü]/g, function (c) {
    return 'aaeeiioouu'.charAt('áäéëíïóöúü'.indexOf(c));
  });

  // A 'y' at the start or after a vowel, and an 'i' between vowels, act as
  // consonants: mark them upper case until the end. Left to right, since a
  // marked letter no longer counts as the vowel before the next one.
  var s = w.split('');
  if (s[0] === 'y') s[0] = 'Y';
  for (var i = 0; i < s.length - 1; i++) {
    if (!isV(s[i])) continue;
    if (s[i + 1] === 'i' && isV(s[i + 2])) s[i + 1] = 'I';
    else if (s[i + 1] === 'y') s[i + 1] = 'Y';
  }
  w = s.join('');

  // R1 starts after the first consonant that follows a vowel, R2 likewise
  // after that. -1: no such place.
  function pastVC(from) {
    while (from < w.length && !isV(w.charAt(from))) from++;
    while (from < w.length && isV(w.charAt(from))) from++;
    return from < w.length ? from + 1 : -1;
  }
  var n = w.length, p1 = pastVC(0), p2 = p1 < 0 ? -1 : pastVC(p1);
  if (p1 < 0) p1 = n;
  if (p2 < 0) p2 = n;
  // R1 must leave at least 3 before it, counted in UTF-8 bytes as
  // rust-stemmers does: R1 of "èten" is "en", of "eten" just "n". A surrogate
  // counts 2, so a pair counts 4. (A 1- or 2-byte word gets no R1.)
  for (var j = 0, bytes = 0; j < n && bytes < 3; j++) {
    var c = w.charCodeAt(j);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  if (p1 < j) p1 = j;
  // p1 and p2 stay put while suffixes go: positions before them don't move.

  var eFound = false;
  function ends(x) { return w.slice(-x.length) === x; }
  function cut(k) { w = w.slice(0, w.length - k); }
  function consonantBefore(at) { return at > 0 && !isV(w.charAt(at - 1)); }
  function undouble() { if (/(dd|kk|tt)$/.test(w)) cut(1); }
  // -en, -ene: in R1, after a consonant, not gemeen/gemene.
  function enEnding(k) {
    var at = w.length - k;
    if (at >= p1 && consonantBefore(at) && !/gem$/.test(w.slice(0, at))) {
      cut(k);
      undouble();
    }
  }
  // -e: in R1, after a consonant.
  function eEnding() {
    eFound = false;
    var at = w.length - 1;
    if (ends('e') && at >= p1 && consonantBefore(at)) {
      cut(1);
      eFound = true;
      undouble();
    }
  }

  // Step 1. Only the longest matching suffix is tried; if its conditions fail
  // nothing is removed (no falling back to a shorter one, as -heden -> -en).
  if (ends('heden')) {
    if (n - 5 >= p1) w = w.slice(0, -5) + 'heid';
  } else if (ends('en') || ends('ene')) {
    enEnding(ends('en') ? 2 : 3);
  } else if (ends('s') || ends('se')) {
    var k = ends('s') ? 1 : 2, before = w.charAt(n - k - 1);
    if (n - k >= p1 && before && !isV(before) && before !== 'j') cut(k);
  }

  // Step 2.
  eEnding();

  // Step 3a: -heid in R2, not after c; then an -en that came before it.
  if (ends('heid') && w.length - 4 >= p2 && w.charAt(w.length - 5) !== 'c') {
    cut(4);
    if (ends('en')) enEnding(2);
  }

  // Step 3b: all in R2, again only the longest matching suffix.
  var at = w.length - (ends('lijk') || ends('baar') ? 4 : ends('ig') ? 2 : 3);
  if (at >= p2) {
    if (ends('end') || ends('ing')) {
      cut(3);
      if (ends('ig') && w.length - 2 >= p2 && w.charAt(w.length - 3) !== 'e') cut(2);
      else undouble();
    } else if (ends('ig')) {
      if (w.charAt(at - 1) !== 'e') cut(2);
    } else if (ends('lijk')) {
      cut(4);
      eEnding();
    } else if (ends('baar')) {
      cut(4);
    } else if (ends('bar') && eFound) {
      cut(3);
    }
  }

  // Step 4: a double vowel between consonants becomes single (maan -> man).
  // The 'u' flag so an emoji or other pair counts as one consonant.
  w = w.replace(/([^aeiouyè])(aa|ee|oo|uu)([^aeiouyèI])$/u, function (m, a, vv, b) {
    return a + vv.charAt(0) + b;
  });

  return w.replace(/I/g, 'i').replace(/Y/g, 'y');

  /* The Snowball "english" stemmer (Porter2), as rust-stemmers 1.2.0 has it;
   * `w` is lower case. Positions count characters (code points). */
  function english(w) {
    var EXCEPTIONS = {
      skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
      idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli',
      singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
      cosmos: 'cosmos', bias: 'bias', andes: 'andes'
    };
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, w)) return EXCEPTIONS[w];
    var s = Array.from(w);
    if (s.length < 3) return w;
    function isV(c) { return c !== undefined && 'aeiouy'.indexOf(c) >= 0; }

    // Prelude: an apostrophe at the start goes; a 'y' at the start or after a
    // vowel is a consonant, 'Y', until the end.
    if (s[0] === '\'') s.shift();
    if (s[0] === 'y') s[0] = 'Y';
    for (var i = 1; i < s.length; i++) {
      if (s[i] === 'y' && isV(s[i - 1])) s[i] = 'Y';
    }

    // R1 and R2: after the first non-vowel that follows a vowel (R1 after
    // gener-, commun- and arsen-).
    var n = s.length;
    function pastVowelConsonant(from) {
      var j = from;
      while (j < n && !isV(s[j])) j++;
      if (j >= n) return -1;
      j++;
      while (j < n && isV(s[j])) j++;
      return j >= n ? -1 : j + 1;
    }
    var word = s.join('');
    var p1 = n, p2 = n, prefix = /^(gener|commun|arsen)/.exec(word);
    var r1 = prefix ? Array.from(prefix[1]).length : pastVowelConsonant(0);
    if (r1 >= 0) {
      p1 = r1;
      var r2 = pastVowelConsonant(r1);
      if (r2 >= 0) p2 = r2;
    }

    function ends(x) {
      var t = Array.from(x);
      if (t.length > s.length) return false;
      for (var k = 0; k < t.length; k++) {
        if (s[s.length - t.length + k] !== t[k]) return false;
      }
      return true;
    }
    // The longest of `list` that ends the word, or null.
    function longest(list) {
      var best = null;
      list.forEach(function (x) {
        if (ends(x) && (best === null || x.length > best.length)) best = x;
      });
      return best;
    }
    function replace(suffix, by) {
      s.splice(s.length - suffix.length, suffix.length);
      Array.prototype.push.apply(s, Array.from(by));
    }
    function hasVowelBefore(end) {
      for (var k = 0; k < end; k++) if (isV(s[k])) return true;
      return false;
    }
    // A short syllable ends s[0..end): consonant (not w, x, Y), vowel,
    // consonant; or vowel, consonant at the start.
    function shortV(end) {
      var a = s[end - 1], b = s[end - 2], c = s[end - 3];
      if (a === undefined || isV(a) || !isV(b)) return false;
      if (end - 2 === 0) return true;
      return 'wxY'.indexOf(a) < 0 && c !== undefined && !isV(c);
    }

    // Step 1a.
    var apostrophe = longest(["'", "'s", "'s'"]);
    if (apostrophe) replace(apostrophe, '');
    var a = longest(['sses', 'ied', 'ies', 's', 'us', 'ss']);
    if (a === 'sses') replace(a, 'ss');
    else if (a === 'ied' || a === 'ies') replace(a, s.length - 3 >= 2 ? 'i' : 'ie');
    else if (a === 's' && hasVowelBefore(s.length - 2)) replace(a, '');

    var stop = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
    if (stop.indexOf(s.join('')) < 0) {
      // Step 1b.
      var b = longest(['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
      if (b === 'eed' || b === 'eedly') {
        if (s.length - b.length >= p1) replace(b, 'ee');
      } else if (b && hasVowelBefore(s.length - b.length)) {
        replace(b, '');
        var d = longest(['at', 'bl', 'iz', 'bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
        if (d === 'at' || d === 'bl' || d === 'iz') s.push('e');
        else if (d) s.pop();
        else if (s.length === p1 && shortV(s.length)) s.push('e');
      }
      // Step 1c.
      var last = s.length - 1;
      if ((s[last] === 'y' || s[last] === 'Y') && last > 1 && !isV(s[last - 1])) s[last] = 'i';
      // Step 2, in R1.
      var two = {
        tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent',
        izer: 'ize', ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate',
        alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous',
        ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble',
        ogi: 'og', fulli: 'ful', lessli: 'less', li: ''
      };
      var x = longest(Object.keys(two));
      if (x && s.length - x.length >= p1) {
        var before = s[s.length - x.length - 1];
        if (x === 'ogi') { if (before === 'l') replace(x, 'og'); }
        else if (x === 'li') { if (before !== undefined && 'cdeghkmnrt'.indexOf(before) >= 0) replace(x, ''); }
        else replace(x, two[x]);
      }
      // Step 3, in R1.
      var three = {
        tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic',
        ical: 'ic', ful: '', ness: '', ative: ''
      };
      x = longest(Object.keys(three));
      if (x && s.length - x.length >= p1) {
        if (x !== 'ative') replace(x, three[x]);
        else if (s.length - x.length >= p2) replace(x, '');
      }
      // Step 4, in R2.
      x = longest(['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment',
        'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion']);
      if (x && s.length - x.length >= p2) {
        var prev = s[s.length - x.length - 1];
        if (x !== 'ion' || prev === 's' || prev === 't') replace(x, '');
      }
      // Step 5.
      var at = s.length - 1;
      if (s[at] === 'e' && (at >= p2 || (at >= p1 && !shortV(at)))) s.pop();
      else if (s[at] === 'l' && at >= p2 && s[at - 1] === 'l') s.pop();
    }
    return s.join('').replace(/Y/g, 'y');
  }
}
