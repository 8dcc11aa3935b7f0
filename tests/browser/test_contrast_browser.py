"""WCAG contrast of every visible text on every page, in the light and the dark palette.

For each element with text of its own (and each SVG <text> of a chart) the ratio of its
computed colour against its effective background (the first opaque background up the
ancestors, semi-transparent ones blended in, the text's own alpha and the ancestors'
opacity applied) must be at least 4.5:1, or 3:1 for large text (≥ 24 px, or bold ≥ 18.66 px).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.test_site_browser import CHARTS_DONE, site_pages

pytestmark = pytest.mark.browser

# Returns {"min": lowest ratio seen, "lowest": where, "count": texts measured, "failures": [...], "unparsed": [...]}.
CONTRAST = r"""() => {
  const parse = (c) => {
    if (!c || c === 'transparent' || c === 'none') return [0, 0, 0, 0];
    let m = c.match(/^rgba?\(([^)]*)\)$/);
    if (m) {
      const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = c.match(/^color\(srgb ([^)]*)\)$/);
    if (m) {
      const p = m[1].split(/[\s\/]+/).filter(Boolean).map(parseFloat);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const unparsed = new Set();
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const raw = getComputedStyle(e).backgroundColor;
      const bg = parse(raw);
      if (!bg) { unparsed.add(raw); continue; }
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let base = [255, 255, 255, 1];  // the canvas
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return el instanceof SVGElement ? marksBehind(el, base) : base;
  };
  // A chart's text may sit on a bar or slice: the filled shapes painted before it under its centre.
  const marksBehind = (text, base) => {
    const box = text.getBoundingClientRect(), centre = new DOMPoint(box.x + box.width / 2, box.y + box.height / 2);
    let paint = base;
    for (const shape of text.ownerSVGElement.querySelectorAll('path, rect, circle, ellipse, polygon')) {
      if (text.compareDocumentPosition(shape) & Node.DOCUMENT_POSITION_FOLLOWING) break;
      if (shape.closest('clipPath, defs')) continue;
      const cs = getComputedStyle(shape), fill = parse(cs.fill);
      if (!fill) { unparsed.add(cs.fill); continue; }
      const alpha = fill[3] * parseFloat(cs.fillOpacity) * opacity(shape);
      const ctm = shape.getScreenCTM();
      if (alpha <= 0 || !ctm || !shape.isPointInFill(centre.matrixTransform(ctm.inverse()))) continue;
      paint = over([fill[0], fill[1], fill[2], alpha], paint);
    }
    return paint;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && parts.length < 3 && e.tagName !== 'BODY'; e = e.parentElement) {
      const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '';
      parts.unshift(e.tagName.toLowerCase() + cls);
    }
    return parts.join(' > ');
  };
  const ownText = (el) => Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  const visible = (el) => {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right > 0;
  };
  const failures = [];
  let min = Infinity, count = 0, lowest = null;
  const measure = (el, text, colorValue, extraAlpha) => {
    const fg = parse(colorValue);
    if (!fg) { unparsed.add(colorValue); return; }
    const alpha = fg[3] * extraAlpha * opacity(el);
    if (alpha <= 0) return;
    const bg = background(el);
    const r = ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg);
    const cs = getComputedStyle(el);
    const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const found = {where: describe(el), text: text.slice(0, 40), ratio: Math.round(r * 100) / 100,
                   need, color: colorValue, background: 'rgb(' + bg.slice(0, 3).map(Math.round) + ')'};
    count++;
    if (r < min) { min = r; lowest = found; }
    if (r < need) failures.push(found);
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    if (el instanceof SVGElement) {
      if (el.tagName !== 'text' || !el.textContent.trim() || !visible(el)) continue;
      const cs = getComputedStyle(el);
      measure(el, el.textContent.trim(), cs.fill, parseFloat(cs.fillOpacity));
    } else if (el.tagName === 'INPUT' && ['text', 'search'].includes(el.type)) {
      if (!visible(el)) continue;
      if (el.value) measure(el, el.value, getComputedStyle(el).color, 1);
      else if (el.placeholder) measure(el, el.placeholder, getComputedStyle(el, '::placeholder').color, 1);
    } else {
      const text = ownText(el);
      if (text && visible(el)) measure(el, text, getComputedStyle(el).color, 1);
    }
  }
  return {min, lowest, count, failures, unparsed: Array.from(unparsed)};
}"""


SETTLED = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))"""


def page_contrast(page, base_url: str, path: str) -> dict:
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function(CHARTS_DONE, timeout=20_000)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # folded tables too
    page.evaluate(SETTLED)  # colours are read after the fade-ins (tabs, chart menus), not halfway
    return page.evaluate(CONTRAST)


def site_contrast(browser, base_url: str, pages: list[str], scheme: str) -> tuple[dict, list, list]:
    """The lowest-contrast text, the failures and the unreadable colours over all pages in one palette.

    The palette is chosen as a reader's system would choose it (prefers-color-scheme), which
    Material maps to its default (light) or slate (dark) scheme.
    """
    context = browser.new_context(viewport=DESKTOP, service_workers="block",
                                  color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    lowest, failures, unparsed = {"ratio": float("inf")}, [], set()
    try:
        for path in pages:
            result = page_contrast(page, base_url, path)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme, path
            assert result["count"] > 0, path
            if result["lowest"]["ratio"] < lowest["ratio"]:
                lowest = dict(result["lowest"], page=path)
            failures += [(path, f) for f in result["failures"]]
            unparsed |= set(result["unparsed"])
    finally:
        context.close()
    return lowest, failures, sorted(unparsed)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_text_has_enough_contrast(site_dir, base_url, browser, scheme):
    pages = [*site_pages(site_dir), "downloads/"]
    lowest, failures, unparsed = site_contrast(browser, base_url, pages, scheme)
    assert unparsed == [], f"colours the test cannot read: {unparsed}"
    # one line per distinct element and colour (the same fault repeats on many pages)
    distinct = {(f["where"], f["color"], f["background"]): (path, f) for path, f in failures}
    report = "\n".join(f"{path}: {f}" for path, f in distinct.values())
    assert failures == [], f"{len(failures)} texts below the WCAG minimum (lowest {lowest}):\n{report}"


KNOWN = """<body style="margin:0;background:#fff;font:16px sans-serif">
<p style="color:#767676">grey 4.54</p>
<p style="color:#777">grey 4.48</p>
<div style="background:rgba(0,0,0,.5)"><span style="color:#fff">white on half black 3.98</span></div>
<p style="opacity:.5"><span style="color:#000">half-transparent black 3.98</span></p>
<h1 style="font-size:24px;font-weight:400;color:#949494">large 3.03</h1>
<p style="color:#ccc;visibility:hidden">hidden</p>
<svg width="300" height="60" style="background:#fff">
  <rect x="0" y="0" width="150" height="60" fill="#000"></rect>
  <text x="10" y="35" fill="#fff">on a bar 21</text>
  <text x="160" y="35" fill="#fff" font-size="12">off the bar 1</text>
</svg></body>"""


def test_the_measure_on_known_colours(browser):
    """The measure itself: alpha, opacity, large text, hidden text and chart text on a bar."""
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    page.set_content(KNOWN)
    result = page.evaluate(CONTRAST)
    context.close()
    failed = {f["text"]: f["ratio"] for f in result["failures"]}
    assert failed == {"grey 4.48": 4.48, "white on half black 3.98": 3.98, "half-transparent black 3.98": 3.98,
                      "off the bar 1": 1.0}
    assert result["count"] == 7 and result["unparsed"] == []
