/* stam.js: the stem of a search word, for helder's offline search page.
 *
 * Hand-written because no Dutch stemmer exists for the browser without
 * pulling in a dependency. It must agree exactly with rust-stemmers 1.2.0
 * (the Snowball "dutch" algorithm), which stemmed the words of the index at
 * build time: a query stem that differs finds nothing. Any change here must
 * keep `cargo test --test it stemmer_agreement` passing.
 *
 * A classic script (pages opened from disk cannot load modules): it defines
 * one global, helderStam(word, lang).
 */
function helderStam(word, lang) {
  'use strict';
  var w = String(word == null ? '' : word).toLowerCase();
  // The same test as stems_dutch() in src/output/search.rs.
  lang = String(lang || '');
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
}
