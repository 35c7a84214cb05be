(function(){
'use strict';
const $ = (s, e) => (e || document).querySelector(s), $$ = (s, e) => Array.from((e || document).querySelectorAll(s));
// drawer (narrow screens)
const tog = $('.nav-toggle');
if (tog) tog.addEventListener('click', () => { const o = document.body.classList.toggle('nav-open'); tog.setAttribute('aria-expanded', o); });
// current page in view in the sidebar
const side = $('nav.side'), here = $('nav.side a.here');
if (side && here) side.scrollTop = Math.max(0, here.offsetTop - side.clientHeight / 2);
// copy buttons
document.addEventListener('click', ev => {
  const b = ev.target.closest('button.copy'); if (!b) return;
  const text = b.parentElement.querySelector('pre').innerText;
  const done = () => { b.textContent = 'Copied'; setTimeout(() => { b.textContent = 'Copy'; }, 1200); };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => {});
  else { const t = document.createElement('textarea'); t.value = text; document.body.appendChild(t); t.select();
         try { document.execCommand('copy'); done(); } catch (e) {} t.remove(); }
});
// the section being read, marked in the contents list
const links = $$('aside.toc a');
if (links.length && 'IntersectionObserver' in window) {
  const byId = new Map(links.map(a => [decodeURIComponent(a.hash.slice(1)), a]));
  const io = new IntersectionObserver(es => es.forEach(e => { if (e.isIntersecting) {
    links.forEach(a => a.classList.remove('active')); const a = byId.get(e.target.id); if (a) a.classList.add('active'); } }),
    {rootMargin: '0px 0px -70% 0px'});
  byId.forEach((a, id) => { const h = document.getElementById(id); if (h) io.observe(h); });
}
// search: the index (search.js) is loaded on first use
const box = $('#search'), res = $('#search-results');
if (!box || !res) return;
let loading = null;
function load() {
  if (window.STATPHYS_SEARCH) return Promise.resolve(window.STATPHYS_SEARCH);
  if (!loading) loading = new Promise((ok, bad) => { const s = document.createElement('script'); s.src = 'search.js';
    s.onload = () => ok(window.STATPHYS_SEARCH); s.onerror = bad; document.head.appendChild(s); });
  return loading;
}
const esc = s => s.replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
function snippet(text, terms) {
  const low = text.toLowerCase(); let i = -1;
  for (const t of terms) { i = low.indexOf(t); if (i >= 0) break; }
  const a = Math.max(0, i - 60), s = (a > 0 ? '… ' : '') + text.slice(a, a + 180) + (a + 180 < text.length ? ' …' : '');
  let h = esc(s);
  for (const t of terms) h = h.replace(new RegExp('(' + t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ')', 'ig'), '<mark>$1</mark>');
  return h;
}
function search(q) {
  const idx = window.STATPHYS_SEARCH, terms = q.toLowerCase().split(/\s+/).filter(t => t.length > 1);
  if (!terms.length) return [];
  const hits = [];
  for (const [p, anchor, head, text] of idx.sections) {
    const [page, title] = idx.pages[p], th = (title + ' ' + head).toLowerCase(), low = text.toLowerCase();
    let score = 0, all = true;
    for (const t of terms) {
      const inHead = th.includes(t); let n = 0, i = low.indexOf(t);
      while (i >= 0 && n < 20) { n++; i = low.indexOf(t, i + t.length); }
      if (!inHead && !n) { all = false; break; }
      score += (inHead ? 10 : 0) + n;
    }
    if (all) hits.push({score, page, href: page + (anchor ? '#' + anchor : ''), title, head, text});
  }
  // chapters ranked by their total, up to two sections of each (so that up to 15 chapters show), best first
  const total = {}; for (const h of hits) total[h.page] = (total[h.page] || 0) + h.score;
  hits.sort((a, b) => total[b.page] - total[a.page] || a.page.localeCompare(b.page) || b.score - a.score || a.href.localeCompare(b.href));
  const seen = {}, out = [];
  for (const h of hits) { seen[h.page] = (seen[h.page] || 0) + 1; if (seen[h.page] <= 2) out.push(h); if (out.length >= 30) break; }
  return out.map(h => ({...h, snip: snippet(h.text, terms)}));
}
function show() {
  const q = box.value.trim();
  if (q.length < 2) { res.hidden = true; res.innerHTML = ''; return; }
  load().then(() => {
    const hits = search(q);
    res.innerHTML = hits.length ? hits.map(h => '<a href="' + esc(h.href) + '"><div class="r-title">' + esc(h.title)
      + (h.head && h.head !== h.title ? ' › ' + esc(h.head) : '') + '</div><div class="r-snip">' + h.snip + '</div></a>').join('')
      : '<div class="r-none">No results for “' + esc(q) + '”</div>';
    res.hidden = false;
  }, () => { res.innerHTML = '<div class="r-none">The search index (search.js) could not be loaded.</div>'; res.hidden = false; });
}
box.addEventListener('focus', () => { load().catch(() => {}); });
box.addEventListener('input', show);
box.addEventListener('keydown', ev => {
  const as = $$('a', res); let i = as.findIndex(a => a.classList.contains('sel'));
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') { ev.preventDefault(); if (!as.length) return;
    if (i >= 0) as[i].classList.remove('sel'); i = ev.key === 'ArrowDown' ? (i + 1) % as.length : (i <= 0 ? as.length - 1 : i - 1);
    as[i].classList.add('sel'); as[i].scrollIntoView({block: 'nearest'}); }
  else if (ev.key === 'Enter') { const a = as[Math.max(i, 0)]; if (a) location.href = a.href; }
  else if (ev.key === 'Escape') { res.hidden = true; box.blur(); }
});
document.addEventListener('click', ev => { if (!ev.target.closest('.search')) res.hidden = true; });
})();
