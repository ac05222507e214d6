// Basic accessibility of the page as it is now, run by Browser.checkAccessibility: returns a list of
// problems, empty when none. arguments[0]: the language the page must declare on <html lang>.
// Rules: WCAG 2.2 1.3.1 / 4.1.2 (fields have names), 3.1.1 (language of the page), 1.4.3 (text contrast).
var expectedLanguage = arguments[0];
var problems = [];

function describe(e) {
  var text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
      + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
      + (text ? ' "' + text + '"' : '');
}
function rendered(e) { return e.getClientRects().length > 0; }
function textOf(e) { return e ? (e.textContent || '').trim() : ''; }

// 1. <html lang>, the language the text is in (a screen reader picks its voice by it)
var lang = document.documentElement.getAttribute('lang');
if (!lang || lang.split('-')[0] !== expectedLanguage) {
  problems.push('<html lang="' + lang + '">, expected "' + expectedLanguage + '"');
}

// 2. every field a person can fill has a name a screen reader reads out: a label (for= or around it),
// aria-label or aria-labelledby, not blank
document.querySelectorAll('input, select, textarea').forEach(function (field) {
  if (['hidden', 'submit', 'button', 'reset', 'image'].indexOf(field.type) >= 0 || !rendered(field)) { return; }
  var names = [field.getAttribute('aria-label') || ''];
  (field.getAttribute('aria-labelledby') || '').split(/\s+/).forEach(function (id) {
    if (id) { names.push(textOf(document.getElementById(id))); }
  });
  Array.prototype.forEach.call(field.labels || [], function (label) { names.push(textOf(label)); });
  if (names.every(function (n) { return !n.trim(); })) { problems.push('no label: ' + describe(field)); }
});

// 3. contrast of text against what is behind it, as WCAG computes it: relative luminance of sRGB colours,
// (L1 + 0.05) / (L2 + 0.05) at least 4.5 for body text, 3 for large text (24 px, or 18.66 px bold)
function rgba(css) {
  var m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m) { return null; }
  var p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) { // top (with its alpha) painted over an opaque bottom
  return [0, 1, 2].map(function (i) { return top[i] * top[3] + bottom[i] * (1 - top[3]); });
}
function luminance(rgb) {
  var c = rgb.map(function (v) { v = v / 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function backgroundOf(e) { // the colours behind e, innermost first, down to the first opaque one; null behind an image
  var layers = [];
  for (var n = e; n; n = n.parentElement) {
    var style = getComputedStyle(n);
    if (style.backgroundImage !== 'none') { return null; }
    var colour = rgba(style.backgroundColor);
    if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) { break; } }
  }
  return layers.reduceRight(function (below, layer) { return over(layer, below); }, [255, 255, 255]);
}
var sampled = 0;
var elements = document.body.querySelectorAll('*');
for (var i = 0; i < elements.length && sampled < 400; i++) {
  var e = elements[i];
  if (!(e instanceof HTMLElement) || e.closest('script, style, noscript, template, [hidden], [aria-hidden="true"]') || !rendered(e)) { continue; }
  if (e.matches(':disabled')) { continue; } // WCAG exempts controls that cannot be used
  var ownText = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (!ownText) { continue; }
  var style = getComputedStyle(e);
  if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) { continue; }
  var behind = backgroundOf(e);
  var colour = rgba(style.color);
  if (!behind || !colour) { continue; }
  var front = over(colour, behind);
  var a = luminance(front), b = luminance(behind);
  var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  var needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
  sampled++;
  if (ratio < needed) {
    problems.push('contrast ' + ratio.toFixed(2) + ':1 < ' + needed + ':1 for ' + describe(e) + ' (' + style.color + ' on rgb(' + behind.map(Math.round) + '))');
  }
}
if (sampled === 0) { problems.push('no text to check the contrast of'); }
return problems;
