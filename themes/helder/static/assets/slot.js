/* slot.js: opens the pages of a private site with its code (spec §6).
 *
 * helder encrypts every page of a private site at build time; the page a
 * reader gets is a public shell with the encrypted page inside. This script
 * turns the code into a key with PBKDF2 and decrypts with AES-GCM, both from
 * the browser's own WebCrypto (no crypto library). The envelope format is
 * documented in src/privacy/seal.rs; this file must read it exactly as that
 * module writes it (`cargo test --lib privacy` checks that in node).
 *
 * The shell's contract (all texts are written by the build, in the page's
 * language; this script holds no words of its own):
 *
 *   <form id="helder-slot-form" hidden
 *         data-wrong="De code klopt niet. Probeer het opnieuw."
 *         data-busy="Even geduld: de pagina gaat open."
 *         data-broken="Deze pagina is beschadigd. Vraag de school om hulp."
 *         data-unsupported="Deze browser kan de pagina niet openen. ...">
 *     <label for="helder-slot-code">Code</label>
 *     <input id="helder-slot-code" type="text" autocomplete="off"
 *            autocapitalize="none" spellcheck="false" required>
 *     <button type="submit">Openen</button>
 *     <p id="helder-slot-status" role="status" aria-live="polite"></p>
 *   </form>
 *   <noscript>... needs JavaScript and a code ...</noscript>
 *   <script type="application/octet-stream" id="helder-slot"
 *           data-site="groep-5">BASE64 ENVELOPE</script>
 *   <script src="../assets/slot.js"></script>   (after the elements above)
 *
 * The decrypted page replaces the shell (same address, so its links work).
 * It loads this script too, and marks what needs the key:
 *   <html data-helder-site="groep-5">          which site's key
 *   <button type="button" data-helder-lock>Vergrendel</button>
 *   <img data-helder-sealed-src="foto.jpg.helder.js" alt="...">
 *   <a data-helder-sealed-href="dia.pptx.helder.js" download="dia.pptx">
 *   (and data-helder-sealed-poster on a video)
 * An encrypted file is a script, so it loads from a USB stick too:
 *   HelderSlot.deliver(document.currentScript.src, "image/jpeg", "BASE64");
 * A private site's search index is `window.helderZoekIndexSealed = "BASE64"`,
 * opened by zoeken.js with openSealedText().
 *
 * The derived key (never the code) is kept per site in localStorage until
 * "Vergrendel", so a site costs one slow derivation per device and build.
 * `…/#code=zon-fiets-appel-boek` unlocks and is removed from the address bar.
 *
 * A classic script (pages opened from disk cannot load modules). In node
 * (tests) it exports its functions instead of touching a page.
 */
(function () {
  'use strict';

  var MAGIC = [0x48, 0x4c, 0x44, 0x52]; // "HLDR"
  var VERSION = 1;
  var HEADER_LEN = 37; // magic 4, version 1, iterations 4, salt 16, nonce 12
  var TAG_LEN = 16;
  var STORE_PREFIX = 'helder-slot:';

  function subtle() {
    return globalThis.crypto && globalThis.crypto.subtle;
  }

  /* The same as normalize_code in seal.rs: A-Z to a-z, every run of
   * spaces, tabs, line breaks, no-break spaces and dashes to one dash. */
  function normalizeCode(code) {
    return String(code)
      .replace(/[A-Z]/g, function (c) { return c.toLowerCase(); })
      .replace(/[ \t\n\r\u00a0-]+/g, '-')
      .replace(/^-+|-+$/g, '');
  }

  function base64ToBytes(text) {
    var binary = atob(String(text).replace(/\s+/g, ''));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function bytesToBase64(bytes) {
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary);
  }

  /* Errors carry a `reason`: 'broken' (not an envelope, or a later
   * version) or 'wrong' (wrong code, or changed bytes). */
  function fail(reason) {
    var e = new Error('helder-slot: ' + reason);
    e.reason = reason;
    return e;
  }

  /* The parts of an envelope (Uint8Array). */
  function parseEnvelope(bytes) {
    if (bytes.length < HEADER_LEN + TAG_LEN) throw fail('broken');
    for (var i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) throw fail('broken');
    if (bytes[4] !== VERSION) throw fail('broken');
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {
      iterations: view.getUint32(5, false),
      salt: bytes.slice(9, 25),
      nonce: bytes.slice(25, HEADER_LEN),
      header: bytes.slice(0, HEADER_LEN),
      sealed: bytes.slice(HEADER_LEN)
    };
  }

  /* The AES-GCM key for a code (slow on purpose: one per site). */
  async function deriveKey(code, salt, iterations) {
    var secret = new TextEncoder().encode(normalizeCode(code));
    var base = await subtle().importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
    return subtle().deriveKey(
      { name: 'PBKDF2', salt: salt, iterations: iterations, hash: 'SHA-256' },
      base,
      { name: 'AES-GCM', length: 256 },
      true, // exportable, to remember it
      ['decrypt']
    );
  }

  /* The plaintext (Uint8Array) of an envelope under a key. */
  async function openEnvelope(key, bytes) {
    var env = parseEnvelope(bytes);
    try {
      var plain = await subtle().decrypt(
        { name: 'AES-GCM', iv: env.nonce, additionalData: env.header, tagLength: 128 },
        key,
        env.sealed
      );
      return new Uint8Array(plain);
    } catch (e) {
      throw fail('wrong');
    }
  }

  /* Decrypts with the code alone: {plain, key}. */
  async function openWithCode(code, bytes) {
    var env = parseEnvelope(bytes);
    var key = await deriveKey(code, env.salt, env.iterations);
    return { plain: await openEnvelope(key, bytes), key: key };
  }

  /* The text inside a base64 envelope (what the shell embeds). */
  async function openText(code, base64) {
    var opened = await openWithCode(code, base64ToBytes(base64));
    return new TextDecoder().decode(opened.plain);
  }

  /* A sealed file's bytes (an image) as a Blob of the given type. */
  async function sealedBlob(key, bytes, type) {
    var plain = await openEnvelope(key, bytes);
    return new Blob([plain], { type: type || 'application/octet-stream' });
  }

  /* Encrypted files on their way, by the address of their script. */
  var pending = (globalThis.HelderSlot && globalThis.HelderSlot.pending) || {};

  /* Called by an encrypted file's script with its own address. */
  function deliver(src, type, base64) {
    var waiting = pending[src];
    if (!waiting) return;
    delete pending[src];
    try {
      waiting.resolve({ type: type, bytes: base64ToBytes(base64) });
    } catch (e) {
      waiting.reject(fail('broken'));
    }
  }

  /* Loads an encrypted file's script: {type, bytes}. */
  function loadSealed(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url;
      pending[script.src] = { resolve: resolve, reject: reject };
      script.onerror = function () {
        delete pending[script.src];
        reject(fail('broken'));
      };
      script.onload = function () { script.remove(); };
      document.head.appendChild(script);
    });
  }

  /* Loads and decrypts an encrypted file: a blob: URL for it. */
  async function sealedUrl(key, url) {
    var file = await loadSealed(url);
    return URL.createObjectURL(await sealedBlob(key, file.bytes, file.type));
  }

  /* The text of a base64 envelope of `site` with its remembered key (the
   * search index of a private site). */
  async function openSealedText(site, base64) {
    var bytes = base64ToBytes(base64);
    var key = await recall(site, parseEnvelope(bytes));
    if (!key) throw fail('wrong');
    return new TextDecoder().decode(await openEnvelope(key, bytes));
  }

  /* Keys of this tab, by site: the opened page runs this script again in
   * the same window, and finds the key here even where localStorage is
   * blocked (some private modes, some pages opened from disk). */
  var inMemory = (globalThis.HelderSlot && globalThis.HelderSlot.inMemory) || {};

  /* Remembering the key: {salt, iterations, key} per site, base64. */
  function storage() {
    try { return globalThis.localStorage || null; } catch (e) { return null; }
  }

  async function remember(site, env, key) {
    inMemory[site] = { salt: bytesToBase64(env.salt), iterations: env.iterations, key: key };
    var store = storage();
    if (!store) return;
    var raw = new Uint8Array(await subtle().exportKey('raw', key));
    try {
      store.setItem(STORE_PREFIX + site, JSON.stringify({
        salt: bytesToBase64(env.salt), iterations: env.iterations, key: bytesToBase64(raw)
      }));
    } catch (e) { /* full or forbidden: the reader types the code again */ }
  }

  /* The remembered key of a site; with `env`, only if made for its salt. */
  async function recall(site, env) {
    var store = storage();
    var saved = inMemory[site] || null;
    if (!saved) {
      try { saved = JSON.parse(store && store.getItem(STORE_PREFIX + site)); } catch (e) { saved = null; }
    }
    if (!saved || !saved.key) return null;
    if (env && (saved.salt !== bytesToBase64(env.salt) || saved.iterations !== env.iterations)) {
      return null; // made for another build: its salt changed
    }
    if (typeof saved.key !== 'string') return saved.key;
    return subtle().importKey('raw', base64ToBytes(saved.key), 'AES-GCM', false, ['decrypt']);
  }

  function forget(site) {
    delete inMemory[site];
    var store = storage();
    if (store) store.removeItem(STORE_PREFIX + site);
  }

  var api = {
    normalizeCode: normalizeCode,
    base64ToBytes: base64ToBytes,
    parseEnvelope: parseEnvelope,
    deriveKey: deriveKey,
    openEnvelope: openEnvelope,
    openWithCode: openWithCode,
    openText: openText,
    sealedBlob: sealedBlob,
    sealedUrl: sealedUrl,
    deliver: deliver,
    pending: pending,
    openSealedText: openSealedText,
    remember: remember,
    recall: recall,
    forget: forget,
    inMemory: inMemory
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }
  globalThis.HelderSlot = api;
  if (typeof document === 'undefined') return;

  /* ---- In the page ---- */

  /* Replacing a document that is still loading would abort its load;
   * the shell is small, so waiting for it costs nothing. */
  function loaded() {
    if (document.readyState === 'complete') return Promise.resolve();
    return new Promise(function (resolve) { window.addEventListener('load', resolve); });
  }

  async function showPage(plain) {
    var html = new TextDecoder().decode(plain);
    await loaded();
    document.open();
    document.write(html);
    document.close();
  }

  /* A shell: open with the address's #code=, a remembered key, or the form. */
  async function startShell(slot) {
    var site = slot.getAttribute('data-site') || '';
    var form = document.getElementById('helder-slot-form');
    var input = document.getElementById('helder-slot-code');
    var status = document.getElementById('helder-slot-status');
    var button = form && form.querySelector('button');
    // The form stays hidden while a remembered key opens the page.
    function say(name) {
      form.hidden = false;
      if (status) status.textContent = form.getAttribute('data-' + name) || '';
    }
    if (!form || !input) return;
    if (!subtle()) { say('unsupported'); if (button) button.disabled = true; return; }
    var bytes, env;
    try {
      bytes = base64ToBytes(slot.textContent);
      env = parseEnvelope(bytes);
    } catch (e) { say('broken'); return; }

    async function tryCode(code) {
      say('busy');
      if (button) button.disabled = true;
      try {
        var opened = await openWithCode(code, bytes);
        await remember(site, env, opened.key);
        await showPage(opened.plain);
      } catch (e) {
        say(e.reason === 'broken' ? 'broken' : 'wrong');
        input.focus();
        input.select();
      } finally {
        if (button) button.disabled = false;
      }
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      tryCode(input.value);
    });

    /* #code=... (from a letter's QR code): used once, then removed from
     * the address bar and the history, so it is not shared by accident. */
    function codeFromAddress() {
      var match = /^#code=(.*)$/.exec(location.hash);
      if (!match) return null;
      history.replaceState(null, '', location.pathname + location.search);
      try { return decodeURIComponent(match[1]); } catch (e) { return match[1]; }
    }
    window.addEventListener('hashchange', function () {
      var code = codeFromAddress();
      if (code !== null) tryCode(code);
    });
    var fromAddress = codeFromAddress();
    if (fromAddress !== null) return tryCode(fromAddress);
    var key = await recall(site, env);
    if (key) {
      try {
        await showPage(await openEnvelope(key, bytes));
        return;
      } catch (e) {
        forget(site); // stale or damaged: ask for the code
      }
    }
    form.hidden = false;
    input.focus();
  }

  /* An opened page: its "Vergrendel" buttons and sealed images. */
  async function startOpenedPage() {
    var site = document.documentElement.getAttribute('data-helder-site');
    if (!site) return;
    document.querySelectorAll('[data-helder-lock]').forEach(function (button) {
      button.addEventListener('click', function () {
        forget(site);
        location.reload();
      });
    });
    var attributes = ['src', 'href', 'poster'];
    var selector = attributes.map(function (a) { return '[data-helder-sealed-' + a + ']'; }).join(',');
    var sealed = document.querySelectorAll(selector);
    if (!sealed.length) return;
    var key = await recall(site, null);
    if (!key) return;
    sealed.forEach(function (element) {
      attributes.forEach(function (name) {
        var url = element.getAttribute('data-helder-sealed-' + name);
        if (!url) return;
        sealedUrl(key, url)
          .then(function (blobUrl) { element.setAttribute(name, blobUrl); })
          .catch(function () { /* the alt text stays */ });
      });
    });
  }

  /* The opened page loads this script in its head: wait for its body. */
  function whenParsed(start) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }

  whenParsed(function () {
    var slot = document.getElementById('helder-slot');
    if (slot) startShell(slot); else startOpenedPage();
  });
})();
