// The station's verification, checked by the browser itself (docs/public-record.md): each entry's canonical text is
// rebuilt from its fields as stored now, hashed as an RFC 6962 leaf with Web Crypto, and its inclusion proof walked up
// to the tree's root, which the server says is anchored in block N (anyone can read that block). Photos are fetched
// and hashed too. No inline script: the page's texts come in data attributes.
(function () {
  "use strict";
  var page = document.getElementById("verification");
  if (!page) {
    return;
  }
  var texts = page.dataset;
  var checks = page.querySelectorAll(".browser-check");

  function say(el, text, ok) {
    el.textContent = text;
    el.classList.remove("notice", "error");
    if (ok !== undefined) {
      el.classList.add(ok ? "notice" : "error");
    }
  }

  if (!window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    checks.forEach(function (el) { say(el, texts.textNoCrypto); });
    return;
  }
  checks.forEach(function (el) { say(el, texts.textChecking); });

  var utf8 = new TextEncoder();

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function unhex(s) {
    var out = new Uint8Array(s.length / 2);
    for (var i = 0; i < out.length; i++) {
      out[i] = parseInt(s.substr(i * 2, 2), 16);
    }
    return out;
  }

  function sha256(parts) {
    var length = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var all = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (p) { all.set(p, at); at += p.length; });
    return crypto.subtle.digest("SHA-256", all).then(function (d) { return new Uint8Array(d); });
  }

  function leafHash(bytes) {
    return sha256([Uint8Array.of(0), bytes]);
  }

  function node(left, right) {
    return sha256([Uint8Array.of(1), left, right]);
  }

  // RFC 9162 2.1.3.2: the root an inclusion proof leads to, or null when the index, size and path do not fit
  async function rootFrom(leaf, index, size, proof) {
    if (index < 0 || index >= size) {
      return null;
    }
    var fn = index;
    var sn = size - 1;
    var r = leaf;
    for (var i = 0; i < proof.length; i++) {
      var p = unhex(proof[i]);
      if (sn === 0) {
        return null;
      }
      if (fn % 2 === 1 || fn === sn) {
        r = await node(p, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        r = await node(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }

  // the canonical text: the kind's first line, then key=value lines, each ending in a line feed
  function canonical(item) {
    return item.header + "\n" + item.now.map(function (f) { return f.key + "=" + f.value + "\n"; }).join("");
  }

  function fieldsOf(text) {
    return text.split("\n").slice(1).filter(function (l) { return l.length > 0; });
  }

  // the keys whose lines differ between the anchored text and the text now
  function differing(anchored, now) {
    var then = fieldsOf(anchored);
    var current = fieldsOf(now);
    var keys = [];
    then.concat(current).forEach(function (line) {
      var key = line.substring(0, line.indexOf("="));
      if ((then.indexOf(line) < 0 || current.indexOf(line) < 0) && keys.indexOf(key) < 0) {
        keys.push(key);
      }
    });
    return keys;
  }

  async function check(item, el) {
    if (!item.leafHash || !item.tree) {
      say(el, texts.textNotRecorded);
      return;
    }
    var kept = hex(await leafHash(utf8.encode(item.anchored)));
    if (kept !== item.leafHash) {
      say(el, texts.textKeptAltered, false);
      return;
    }
    var now = canonical(item);
    var leaf = await leafHash(utf8.encode(now));
    if (item.now.length === 0 || hex(leaf) !== item.leafHash) {
      say(el, texts.textDiffers.replace("{0}", differing(item.anchored, now).join(", ")), false);
      return;
    }
    var root = await rootFrom(leaf, item.leafIndex, item.tree.size, item.proof);
    if (!root || hex(root) !== item.tree.root) {
      say(el, texts.textProofFails, false);
      return;
    }
    say(el, item.tree.anchored ? texts.textMatches.replace("{0}", item.tree.block) : texts.textMatchesUnanchored, true);
  }

  async function checkPhoto(li) {
    var out = li.querySelector(".photo-check");
    try {
      var response = await fetch(li.dataset.photo);
      if (!response.ok) {
        throw new Error(response.status);
      }
      var bytes = new Uint8Array(await response.arrayBuffer());
      var ok = hex(await sha256([bytes])) === li.dataset.sha256;
      say(out, ok ? texts.textPhotoMatches : texts.textPhotoDiffers, ok);
    } catch (e) {
      say(out, texts.textFailed);
    }
  }

  fetch(page.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) {
        throw new Error(r.status);
      }
      return r.json();
    })
    .then(function (v) {
      v.items.forEach(function (item) {
        var card = page.querySelector('[data-entry="' + item.kind + ":" + item.id + '"]');
        if (card) {
          check(item, card.querySelector(".browser-check")).catch(function () { say(card.querySelector(".browser-check"), texts.textFailed); });
        }
      });
      page.querySelectorAll("[data-photo]").forEach(checkPhoto);
    })
    .catch(function () {
      checks.forEach(function (el) { say(el, texts.textFailed); });
    });
})();
