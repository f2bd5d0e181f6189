// The audit page's own check of the log (issue 15.9): the browser keeps the last checkpoint it saw
// (size, root) in local storage and, on each visit, asks for a consistency proof from it to the
// checkpoint shown now and verifies it itself (RFC 9162 §2.1.4.2, Web Crypto SHA-256), so the
// server cannot quietly show this browser a rewritten history.
(function () {
  'use strict';
  var section = document.getElementById('signed-log');
  var out = document.getElementById('browser-check');
  if (!section || !out || !window.crypto || !window.crypto.subtle) return;
  var KEY = 'kp-audit-checkpoint:' + section.getAttribute('data-origin');
  var now = { size: Number(section.getAttribute('data-size')), root: section.getAttribute('data-root') };
  function hex(buf) { return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join(''); }
  function bytes(h) { var a = new Uint8Array(h.length / 2); for (var i = 0; i < a.length; i++) a[i] = parseInt(h.substr(i * 2, 2), 16); return a; }
  function node(l, r) {
    var m = new Uint8Array(65); m[0] = 1; m.set(bytes(l), 1); m.set(bytes(r), 33);
    return window.crypto.subtle.digest('SHA-256', m).then(hex);
  }
  function isPow2(n) { while (n > 1 && n % 2 === 0) n /= 2; return n === 1; }
  async function consistent(m, n, proof, r1, r2) {
    if (m === n) return proof.length === 0 && r1 === r2;
    if (m === 0) return proof.length === 0;
    if (m > n || proof.length === 0) return false;
    var path = isPow2(m) ? [r1].concat(proof) : proof.slice();
    var fn = m - 1, sn = n - 1;
    while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    var fr = path[0], sr = path[0];
    for (var i = 1; i < path.length; i++) {
      var c = path[i];
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        fr = await node(c, fr); sr = await node(c, sr);
        if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        sr = await node(sr, c);
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 && fr === r1 && sr === r2;
  }
  function report(ok, text) {
    out.textContent = text;
    out.setAttribute('data-ok', ok ? 'true' : 'false');
    out.className = 'status ' + (ok ? 'ok' : 'bad');
    if (!ok) out.setAttribute('role', 'alert');
  }
  var seen = null;
  try { seen = JSON.parse(window.localStorage.getItem(KEY) || 'null'); } catch (e) { seen = null; }
  if (!seen || typeof seen.size !== 'number') {
    window.localStorage.setItem(KEY, JSON.stringify(now));
    report(true, '✓ first visit: size ' + now.size + ' remembered');
    return;
  }
  if (seen.size > now.size) { report(false, '✗ this browser saw ' + seen.size + ' records; the log now shows only ' + now.size); return; }
  fetch(section.getAttribute('data-consistency') + '?from=' + seen.size + '&to=' + now.size, { credentials: 'same-origin' })
    .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
    .then(function (p) { return consistent(seen.size, now.size, p.proof, seen.root, now.root); })
    .then(function (ok) {
      if (ok) { window.localStorage.setItem(KEY, JSON.stringify(now)); report(true, '✓ consistent with size ' + seen.size + ' seen before'); }
      else report(false, '✗ NOT consistent with the checkpoint of size ' + seen.size + ' this browser saw: the log was rewritten');
    }, function (err) { report(false, '✗ could not check: ' + err.message); });
})();
