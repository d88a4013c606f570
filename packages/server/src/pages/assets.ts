import { Hono } from 'hono';

// The pages' one stylesheet: system fonts, high-contrast colours (text #1a1a1a on white, links #0b57d0), a visible
// focus ring for keyboard users.
const CSS = `*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
header{display:flex;justify-content:space-between;align-items:center;padding:.5rem 1rem;background:#12263f;color:#fff}
header a{color:#fff;margin-right:1rem;font-weight:600}
header form{margin:0}
main{padding:1rem;max-width:90rem}
h1{font-size:1.5rem;margin:.25rem 0 .75rem}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #e8710a;outline-offset:2px}
form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.5rem 0}
label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600;gap:.15rem}
label.check{flex-direction:row;align-items:center;font-weight:400}
input,select,button,.button{font:inherit;padding:.3rem .5rem;border:1px solid #6b6b6b;border-radius:4px;background:#fff;color:#1a1a1a}
button,.button{background:#0b57d0;color:#fff;border-color:#0b57d0;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#0b57d0}
.filters{border-bottom:1px solid #d0d0d0;margin-bottom:.75rem}
#range-summary{margin:.25rem 0 .5rem;color:#3c3c3c}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid #d0d0d0;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f4}
td.num,th.num{text-align:right}
td form{margin:0;display:inline-flex}
[role=alert]{background:#fce8e6;border:1px solid #c5221f;padding:.5rem;color:#8c1d18}
[role=status]{background:#fef7e0;border:1px solid #b06000;padding:.5rem}
ol.transcript{list-style:none;padding:0}
ol.transcript li{padding:.35rem .5rem;border-left:4px solid #d0d0d0;margin:.25rem 0}
ol.transcript li[data-kind=event]{color:#3c3c3c;font-style:italic}
ol.transcript li.highlighted{border-left-color:#c5221f;background:#fce8e6}
mark{background:#ffe082;color:#1a1a1a}
.speaker{font-weight:700;margin-right:.5rem}
.time{color:#555;margin-right:.5rem;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:600}
dd{margin:0}
#stats,#analytics-totals{grid-template-columns:repeat(4,max-content);grid-auto-flow:column;grid-template-rows:auto auto}
#stats dd,#analytics-totals dd{font-size:1.4rem;font-weight:700}
svg{max-width:100%;height:auto}
.bar-missed{fill:#c5221f}.bar-answered{fill:#1e8e3e}
.axis{stroke:#6b6b6b}.label{font-size:11px;fill:#3c3c3c}
td details ol.transcript{font-size:.9rem;margin:.25rem 0}
summary{cursor:pointer}
nav[aria-label=Pagination]{display:flex;gap:1rem;align-items:center}
`;

// A little enhancement, the pages work without it: typing a From / To date picks the Custom range, and the
// browser's own time zone is offered when the URL names none.
const JS = `(function(){
var preset=document.querySelector('select[name=preset]');
document.querySelectorAll('input[name=startDate],input[name=endDate]').forEach(function(d){
d.addEventListener('change',function(){if(preset&&d.value)preset.value='custom'})});
})();
(function(){
var input=document.querySelector('input[data-time-zone]');if(!input||/[?&]timeZone=/.test(location.search))return;
var zone;try{zone=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){return}
if(!zone||zone===input.value)return;
var b=document.createElement('button');b.type='button';b.className='secondary';b.textContent='Use my time zone ('+zone+')';
b.addEventListener('click',function(){input.value=zone;input.form.requestSubmit?input.form.requestSubmit():input.form.submit()});
input.parentNode.parentNode.insertBefore(b,input.parentNode.nextSibling);
})();
`;

// The pages' icon (the header's navy, a white lens): browsers ask for /favicon.ico on their own.
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5" fill="#12263f"/><circle cx="8" cy="8" r="3.5" fill="#fff"/></svg>`;

/**
 * Answers `/favicon.ico`, which browsers request on their own (a 404 there is an error in the console of every
 * page): the pages' small SVG icon, without sign-in.
 *
 * @example
 * ```ts
 * app.get('/favicon.ico', favicon);
 * ```
 */
export function favicon(): Response {
  return new Response(FAVICON, {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
  });
}

/**
 * The pages' static assets, served without sign-in: `/assets/observatory.css` and `/assets/observatory.js`.
 *
 * @example
 * ```ts
 * app.route('/assets', pageAssets());
 * ```
 */
export function pageAssets(): Hono {
  const app = new Hono();
  const serve = (body: string, type: string) => () =>
    new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=3600' } });
  app.get('/observatory.css', serve(CSS, 'text/css; charset=utf-8'));
  app.get('/observatory.js', serve(JS, 'text/javascript; charset=utf-8'));
  return app;
}
