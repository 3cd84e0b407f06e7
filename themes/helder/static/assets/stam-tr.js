/* stam-tr.js: the stem of a Turkish search word, for helder's offline
 * search page; loaded only by the search page of a Turkish site.
 *
 * Written by hand after the Snowball "turkish" algorithm (Evren Kapusuz
 * Çilden's suffix machines), the version rust-stemmers 1.2.0 stems the index
 * with at build time. A query stem that differs finds nothing, so any change
 * here must keep `cargo test --test it stemmer_agreement` passing.
 *
 * A classic script: it adds helderStemmers.tr(word) for stam.js; `word` is
 * lower case. Positions count code points (rust-stemmers counts bytes, which
 * only matters for its `$strlen` test, and that compares ASCII words).
 */
(function (root) {
  'use strict';
  var VOWEL = 'aeıioöuü', U = 'ıiuü';
  // Which vowels may come before a suffix vowel (vowel harmony).
  var HARMONY = { a: 'aıou', e: 'eiöü', 'ı': 'aı', i: 'ei', o: 'ou', 'ö': 'öü', u: 'ou', 'ü': 'öü' };

  function turkish(word) {
    var s = Array.from(word);
    // At least two vowels, or the word stays as it is.
    if (s.filter(function (ch) { return VOWEL.indexOf(ch) >= 0; }).length < 2) return word;

    // The suffixes are read from the end: `c` is the cursor, everything
    // right of it has been read. A step that fails leaves `c` anywhere; the
    // step that tried it puts it back (as Snowball's or/try/test do).
    // `ket` and `bra` mark the suffix to delete; they are not put back.
    var c = s.length, bra = 0, ket = 0, goOn = false;
    function saved() { return s.length - c; }
    function back(v) { c = s.length - v; return true; }
    function isIn(g, at) { return at >= 0 && at < s.length && g.indexOf(s[at]) >= 0; }
    function inG(g) { if (c <= 0 || !isIn(g, c - 1)) return false; c--; return true; }
    function outG(g) { if (c <= 0 || isIn(g, c - 1)) return false; c--; return true; }
    function endsAt(t, at) {
      if (at < t.length) return false;
      for (var k = 0; k < t.length; k++) if (s[at - t.length + k] !== t[k]) return false;
      return true;
    }
    function lit(x) { var t = Array.from(x); if (!endsAt(t, c)) return false; c -= t.length; return true; }
    // The longest of `list` that ends at the cursor.
    function among(list) {
      var best = -1;
      list.forEach(function (x) {
        var t = Array.from(x);
        if (t.length > best && endsAt(t, c)) best = t.length;
      });
      if (best < 0) return false;
      c -= best;
      return true;
    }
    function test(f) { var v = saved(), ok = f(); back(v); return ok; }
    function attempt(f) { var v = saved(); if (!f()) back(v); return true; }
    // The first of the steps that succeeds.
    function first() {
      var v = saved();
      for (var k = 0; k < arguments.length; k++) {
        if (arguments[k]()) return true;
        back(v);
      }
      return false;
    }
    function open() { ket = c; return true; }
    function close() { bra = c; return true; }
    function del() {
      var n = ket - bra;
      if (n > 0) s.splice(bra, n);
      if (c >= ket) c -= n; else if (c > bra) c = bra;
      return true;
    }
    function yes() { return true; }
    // Back to the nearest char in `g` before the cursor.
    function goTo(g) {
      while (c > 0) {
        if (isIn(g, c - 1)) return true;
        c--;
      }
      return false;
    }

    // The last vowel before the cursor, and some vowel before it that
    // agrees with it.
    function harmony() {
      return test(function () {
        if (!goTo(VOWEL)) return false;
        var v = s[c - 1];
        c--;
        return goTo(HARMONY[v]);
      });
    }
    // A suffix with an optional linking consonant `k` (n, s or y): either
    // it follows `k` after a vowel (and `k` goes with it), or it does not
    // follow `k` and the second letter before it is a vowel.
    function optionalConsonant(k) {
      return first(
        function () { return lit(k) && test(function () { return inG(VOWEL); }); },
        function () {
          return !test(function () { return lit(k); }) &&
            test(function () { return c > 0 && (c--, inG(VOWEL)); });
        });
    }
    // The same for an optional linking vowel ı, i, u or ü after a consonant.
    function optionalU() {
      return first(
        function () { return inG(U) && test(function () { return outG(VOWEL); }); },
        function () {
          return !test(function () { return inG(U); }) &&
            test(function () { return c > 0 && (c--, outG(VOWEL)); });
        });
    }
    function harmonic(list, linking) {
      return function () {
        return harmony() && among(list) && (!linking || linking());
      };
    }
    var y = function () { return optionalConsonant('y'); };
    var n = function () { return optionalConsonant('n'); };
    var possessives = function () {
      return among(['mız', 'miz', 'muz', 'müz', 'nız', 'niz', 'nuz', 'nüz', 'm', 'n']) && optionalU();
    };
    var sU = function () { return harmony() && inG(U) && optionalConsonant('s'); };
    var lArI = function () { return among(['leri', 'ları']); };
    var yU = function () { return harmony() && inG(U) && y(); };
    var nU = harmonic(['nı', 'ni', 'nu', 'nü']);
    var nUn = harmonic(['ın', 'in', 'un', 'ün'], n);
    var yA = harmonic(['a', 'e'], y);
    var nA = harmonic(['na', 'ne']);
    var DA = harmonic(['da', 'de', 'ta', 'te']);
    var ndA = harmonic(['nda', 'nde']);
    var DAn = harmonic(['dan', 'den', 'tan', 'ten']);
    var ndAn = harmonic(['ndan', 'nden']);
    var ylA = harmonic(['la', 'le'], y);
    var ki = function () { return lit('ki'); };
    var ncA = harmonic(['ca', 'ce'], n);
    var yUm = harmonic(['ım', 'im', 'um', 'üm'], y);
    var sUn = harmonic(['sın', 'sin', 'sun', 'sün']);
    var yUz = harmonic(['ız', 'iz', 'uz', 'üz'], y);
    var sUnUz = function () { return among(['sınız', 'siniz', 'sunuz', 'sünüz']); };
    var lAr = harmonic(['ler', 'lar']);
    var nUz = harmonic(['nız', 'niz', 'nuz', 'nüz']);
    var DUr = harmonic(['tır', 'tir', 'tur', 'tür', 'dır', 'dir', 'dur', 'dür']);
    var cAsInA = function () { return among(['casına', 'cesine']); };
    var yDU = harmonic([
      'tım', 'tim', 'tum', 'tüm', 'dım', 'dim', 'dum', 'düm',
      'tın', 'tin', 'tun', 'tün', 'dın', 'din', 'dun', 'dün',
      'tık', 'tik', 'tuk', 'tük', 'dık', 'dik', 'duk', 'dük',
      'tı', 'ti', 'tu', 'tü', 'dı', 'di', 'du', 'dü'], y);
    // Does not fully obey vowel harmony (so no check).
    var ysA = function () { return among(['sam', 'san', 'sak', 'sem', 'sen', 'sek', 'sa', 'se']) && y(); };
    var ymUs = harmonic(['mış', 'miş', 'muş', 'müş'], y);
    var yken = function () { return lit('ken') && y(); };

    // Personal and copula endings: "doktormuşsunuz".
    function nominalVerbSuffixes() {
      open();
      goOn = true;
      var found = first(
        function () { return first(ymUs, yDU, ysA, yken); },
        function () { return cAsInA() && first(sUnUz, lAr, yUm, sUn, yUz, yes) && ymUs(); },
        function () {
          if (!lAr()) return false;
          close(); del();
          attempt(function () { return open() && first(DUr, yDU, ysA, ymUs); });
          goOn = false;
          return true;
        },
        function () { return nUz() && first(yDU, ysA); },
        function () {
          if (!first(sUnUz, yUz, sUn, yUm)) return false;
          close(); del();
          attempt(function () { return open() && ymUs(); });
          return true;
        },
        function () {
          if (!DUr()) return false;
          close(); del();
          attempt(function () { return open() && first(sUnUz, lAr, yUm, sUn, yUz, yes) && ymUs(); });
          return true;
        });
      if (!found) return false;
      close(); del();
      return true;
    }

    // [mark] delete, as one step.
    function cut(mark) { return function () { return open() && mark() && close() && del(); }; }
    // [mark] delete, then optionally [lAr] delete and the chain before -ki.
    function thenLArKi(mark) {
      return function () {
        if (!(open() && mark() && close() && del())) return false;
        attempt(function () { return cut(lAr)() && chainBeforeKi(); });
        return true;
      };
    }
    // A chain of noun suffixes that ends in -ki: "evdekiler".
    function chainBeforeKi() {
      open();
      if (!ki()) return false;
      return first(
        function () {
          if (!DA()) return false;
          close(); del();
          attempt(function () {
            open();
            return first(
              function () {
                if (!lAr()) return false;
                close(); del();
                attempt(chainBeforeKi);
                return true;
              },
              function () {
                if (!possessives()) return false;
                close(); del();
                attempt(function () { return cut(lAr)() && chainBeforeKi(); });
                return true;
              });
          });
          return true;
        },
        function () {
          if (!nUn()) return false;
          close(); del();
          attempt(function () {
            open();
            return first(
              function () { return lArI() && close() && del(); },
              thenLArKi(function () { return first(possessives, sU); }),
              chainBeforeKi);
          });
          return true;
        },
        function () {
          if (!ndA()) return false;
          return first(
            function () { return lArI() && close() && del(); },
            function () {
              if (!(sU() && close() && del())) return false;
              attempt(function () { return cut(lAr)() && chainBeforeKi(); });
              return true;
            },
            chainBeforeKi);
        });
    }

    // Case, possessive and plural endings: "evlerimizden".
    function nounSuffixes() {
      return first(
        function () {
          if (!cut(lAr)()) return false;
          attempt(chainBeforeKi);
          return true;
        },
        function () {
          if (!cut(ncA)()) return false;
          attempt(function () {
            return first(
              cut(lArI),
              thenLArKi(function () { return first(possessives, sU); }),
              function () { return cut(lAr)() && chainBeforeKi(); });
          });
          return true;
        },
        function () {
          open();
          if (!first(ndA, nA)) return false;
          return first(
            function () { return lArI() && close() && del(); },
            function () {
              if (!(sU() && close() && del())) return false;
              attempt(function () { return cut(lAr)() && chainBeforeKi(); });
              return true;
            },
            chainBeforeKi);
        },
        function () {
          open();
          if (!first(ndAn, nU)) return false;
          return first(
            function () {
              if (!(sU() && close() && del())) return false;
              attempt(function () { return cut(lAr)() && chainBeforeKi(); });
              return true;
            },
            lArI);
        },
        function () {
          if (!cut(DAn)()) return false;
          attempt(function () {
            open();
            return first(
              function () {
                if (!(possessives() && close() && del())) return false;
                attempt(function () { return cut(lAr)() && chainBeforeKi(); });
                return true;
              },
              function () {
                if (!(lAr() && close() && del())) return false;
                attempt(chainBeforeKi);
                return true;
              },
              chainBeforeKi);
          });
          return true;
        },
        function () {
          if (!cut(function () { return first(nUn, ylA); })()) return false;
          attempt(function () {
            return first(
              function () { return cut(lAr)() && chainBeforeKi(); },
              thenLArKi(function () { return first(possessives, sU); }),
              chainBeforeKi);
          });
          return true;
        },
        cut(lArI),
        chainBeforeKi,
        function () {
          if (!cut(function () { return first(DA, yU, yA); })()) return false;
          attempt(function () {
            open();
            var found = first(
              function () {
                if (!(possessives() && close() && del())) return false;
                attempt(function () { return open() && lAr(); });
                return true;
              },
              lAr);
            if (!found) return false;
            close(); del();
            open();
            return chainBeforeKi();
          });
          return true;
        },
        thenLArKi(function () { return first(possessives, sU); }));
    }

    var v = saved();
    nominalVerbSuffixes();
    back(v);
    if (!goOn) return s.join('');
    v = saved();
    nounSuffixes();
    back(v);

    // Postlude: not for "ad" and "soyad".
    var stem = s.join('');
    if (stem === 'ad' || stem === 'soyad') return stem;
    c = s.length;
    // A stem that ends in d or g most likely lost its last vowel:
    // "kedim" -> "ked" -> "kedi".
    var last = s[s.length - 1];
    if (last === 'd' || last === 'g') {
      for (var k = s.length - 1; k >= 0; k--) {
        if (VOWEL.indexOf(s[k]) < 0) continue;
        var add = { a: 'ı', 'ı': 'ı', e: 'i', i: 'i', o: 'u', u: 'u', 'ö': 'ü', 'ü': 'ü' }[s[k]];
        s.push(add);
        break;
      }
    }
    // A voiced last consonant becomes voiceless: "kitab" -> "kitap".
    var soft = { b: 'p', c: 'ç', d: 't', 'ğ': 'k' }[s[s.length - 1]];
    if (soft) s[s.length - 1] = soft;
    return s.join('');
  }

  root.helderStemmers = root.helderStemmers || {};
  root.helderStemmers.tr = turkish;
})(typeof window !== 'undefined' ? window : globalThis);
