/** The page's only stylesheet, inlined: the report is one file that opens anywhere, offline. */
export const STYLES = `
:root{color-scheme:light dark;--bg:#f6f8fa;--surface:#fff;--text:#1f2328;--muted:#59636e;--border:#d1d9e0;--code-bg:#f3f4f6;--accent:#0969da;
--passed:#1a7f37;--failed:#cf222e;--flaky:#9a6700;--skipped:#818b98;--interrupted:#8250df;--timedout:#bc4c00;--track:#e6e9ed;
--passed-bg:#dafbe1;--failed-bg:#ffebe9;--flaky-bg:#fff8c5;--skipped-bg:#eff2f5}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--surface:#151b23;--text:#e6edf3;--muted:#9198a1;--border:#3d444d;--code-bg:#1f2630;--accent:#4493f8;
--passed:#3fb950;--failed:#f85149;--flaky:#d29922;--skipped:#768390;--interrupted:#ab7df8;--timedout:#f0883e;--track:#262c36;
--passed-bg:#12361d;--failed-bg:#3c1618;--flaky-bg:#3a2d0b;--skipped-bg:#262c36}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:0 20px 48px}
a{color:var(--accent)}
a:focus-visible,summary:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:3px}
[hidden]{display:none!important}
code,pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
h1{font-size:22px;margin:0}
h2{font-size:18px;margin:0 0 4px}
h3{font-size:15px;margin:18px 0 6px}
.top{background:var(--surface);border-bottom:1px solid var(--border);border-top:6px solid var(--muted);padding:18px 20px 0;margin-bottom:20px}
.top>*{max-width:1140px;margin-left:auto;margin-right:auto}
.top.status-passed{border-top-color:var(--passed)}.top.status-failed{border-top-color:var(--failed)}
.top.status-timedout{border-top-color:var(--timedout)}.top.status-interrupted{border-top-color:var(--interrupted)}
.title-row{display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.run-status{font-weight:600;padding:2px 12px;border-radius:999px;color:#fff;background:var(--muted)}
.status-passed .run-status{background:var(--passed)}.status-failed .run-status{background:var(--failed)}
.status-timedout .run-status{background:var(--timedout)}.status-interrupted .run-status{background:var(--interrupted)}
@media (prefers-color-scheme:dark){.run-status{color:#0d1117}}
.facts{display:flex;flex-wrap:wrap;gap:6px 28px;margin:12px auto 4px}
.facts div{display:flex;flex-direction:column}
.facts dt{font-size:12px;color:var(--muted)}.facts dd{margin:0;font-weight:600}
.generated{font-size:12px;color:var(--muted);margin-top:0}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:2px 18px;padding:8px 0 10px;margin:0;border-top:1px solid var(--border)}
nav a{text-decoration:none;font-weight:500}nav a:hover{text-decoration:underline}
section{background:var(--surface);border:1px solid var(--border);border-radius:8px;padding:16px 18px;margin:0 0 16px}
.intro{color:var(--muted);margin:0 0 12px;font-size:13px}
.muted{color:var(--muted)}
.neg{color:var(--failed);font-weight:600}.warn{color:var(--flaky);font-weight:600}
.more{color:var(--muted);font-style:italic;margin:8px 0 0}
.empty{color:var(--muted)}
.overview{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.stats{flex:1 1 560px;display:flex;flex-direction:column;gap:10px}
.rates,.counts{display:grid;gap:10px}
.rates{grid-template-columns:repeat(auto-fill,minmax(180px,1fr))}
.counts{grid-template-columns:repeat(auto-fill,minmax(92px,1fr))}
.tile{border:1px solid var(--border);border-radius:8px;padding:6px 12px;display:flex;flex-direction:column;border-left-width:4px;min-width:0}
.tile .value{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.25}
.tile.rate .value{font-size:32px}
.tile.zero .value{color:var(--muted);font-weight:500}
.tile .label{font-size:12px;color:var(--muted)}
.tile.passed{border-left-color:var(--passed)}.tile.passed:not(.zero) .value{color:var(--passed)}
.tile.failed{border-left-color:var(--failed)}.tile.failed:not(.zero) .value{color:var(--failed)}
.tile.flaky{border-left-color:var(--flaky)}.tile.flaky:not(.zero) .value{color:var(--flaky)}
.tile.skipped{border-left-color:var(--skipped)}
.tile.interrupted{border-left-color:var(--interrupted)}.tile.timedout{border-left-color:var(--timedout)}
.tile.rate{border-left-color:var(--accent)}.tile.success-rate{border-left-color:var(--passed)}.tile.flaky-rate{border-left-color:var(--flaky)}
.donut-box{margin:0 auto;flex:0 0 220px;text-align:center}
.donut{width:180px;height:180px}
.seg{fill:none;stroke-width:5.5}.seg.track{stroke:var(--track)}
.seg.passed{stroke:var(--passed)}.seg.failed{stroke:var(--failed)}.seg.flaky{stroke:var(--flaky)}.seg.skipped{stroke:var(--skipped)}
.donut-value{font-size:7.5px;font-weight:700;text-anchor:middle;fill:var(--text)}
.donut-label{font-size:3.4px;text-anchor:middle;fill:var(--muted)}
.fill.passed,.swatch.passed{fill:var(--passed);background:var(--passed)}
.fill.failed,.swatch.failed{fill:var(--failed);background:var(--failed)}
.fill.flaky,.swatch.flaky{fill:var(--flaky);background:var(--flaky)}
.fill.skipped,.swatch.skipped{fill:var(--skipped);background:var(--skipped)}
.fill.track{fill:var(--track)}
.legend{list-style:none;display:flex;flex-wrap:wrap;justify-content:center;gap:4px 14px;padding:0;margin:6px 0 0;font-size:12px;color:var(--muted)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.times{margin:12px 0 0;font-size:13px;color:var(--muted)}
.chart{margin:0}
.histogram{width:100%;max-width:820px;height:auto;display:block}
.histogram .grid{stroke:var(--border);stroke-dasharray:3 3}.histogram .baseline,.histogram .tick{stroke:var(--muted)}
.histogram .axis{font-size:10px;fill:var(--muted)}.histogram .count{font-size:10px;fill:var(--text);font-weight:600}
.chart .legend{justify-content:flex-start}
.table-wrap{overflow-x:auto}
.table-wrap.narrow table{width:auto;min-width:320px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:6px 10px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
thead th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap;border-bottom-width:2px}
tbody tr:hover{background:var(--code-bg)}
tfoot th,tfoot td{font-weight:700;border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody th{font-weight:600;min-width:160px}
.bar{display:block;width:100%;max-width:220px;height:6px;margin-top:5px;border-radius:3px}
.test-title{font-weight:600;word-break:break-word}
.sep{color:var(--muted);font-weight:400}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;font-size:12.5px;color:var(--muted);margin-top:2px}
.loc{color:var(--text);background:var(--code-bg);padding:1px 5px;border-radius:4px}
.chip{display:inline-block;font-size:12px;padding:0 8px;border-radius:999px;border:1px solid var(--border);color:var(--text);background:var(--code-bg)}
.chip.app{border-style:dashed}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:0 8px;border-radius:999px;white-space:nowrap}
.badge.passed{color:var(--passed);background:var(--passed-bg)}.badge.failed{color:var(--failed);background:var(--failed-bg)}
.badge.flaky{color:var(--flaky);background:var(--flaky-bg)}.badge.skipped{color:var(--muted);background:var(--skipped-bg)}
.attempt{font-weight:600}.attempt.passed{color:var(--passed)}.attempt.failed,.attempt.timedOut{color:var(--failed)}.attempt.interrupted{color:var(--interrupted)}
.arrow{margin:0 4px;color:var(--muted)}
.cases,.plain,.warnings{list-style:none;padding:0;margin:0}
.case{border:1px solid var(--border);border-radius:6px;padding:10px 12px;margin:0 0 8px}
.case-head,.case summary{display:flex;gap:10px;align-items:baseline;justify-content:space-between}
.case summary{cursor:pointer;list-style:none}
.case summary::-webkit-details-marker{display:none}
.case summary::before{content:"▸";color:var(--muted);margin-right:-4px}
.case details[open]>summary::before{content:"▾"}
.case summary .test-title{flex:1}
.plain>li{padding:6px 0;border-bottom:1px solid var(--border)}
.plain>li:last-child{border-bottom:0}
.warnings li{padding:4px 0 4px 12px;border-left:3px solid var(--flaky);margin-bottom:4px;font-size:13px;word-break:break-word}
.first-error{margin:6px 0 0;font-size:12px;color:var(--muted)}
.kinds{list-style:none;display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0 0 4px}
.kinds a{display:inline-block;text-decoration:none;padding:2px 10px;border:1px solid var(--border);border-radius:999px;font-size:13px}
.count{display:inline-block;font-size:12px;font-weight:700;color:var(--failed);background:var(--failed-bg);padding:0 7px;border-radius:999px;vertical-align:1px}
.sample{margin:0 0 8px;font-size:12.5px;color:var(--muted);word-break:break-word}
.diagnosis{margin:4px 0 8px;font-size:13px}.diagnosis p{margin:2px 0}.heal code{font-size:12.5px}
.error{margin:8px 0 0}
.err-loc{margin:0 0 4px;font-size:12.5px;color:var(--muted);display:flex;gap:8px;align-items:center}
pre{background:var(--code-bg);border:1px solid var(--border);border-left:3px solid var(--failed);border-radius:4px;padding:8px 10px;margin:0;overflow:auto;max-height:340px;white-space:pre}
.artifacts{margin-top:10px}
.media{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start}
.thumb{display:block;line-height:0;border:1px solid var(--border);border-radius:4px;overflow:hidden;background:var(--code-bg)}
.thumb img{width:240px;height:auto;max-height:180px;object-fit:contain;display:block}
.video{margin:0}
.video video{display:block;width:320px;max-width:100%;aspect-ratio:16/9;background:#000;border-radius:4px}
.video figcaption{font-size:12px;color:var(--muted);margin-top:2px}
.trace{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;margin-top:8px;font-size:12.5px}
.trace-label{color:var(--muted)}
.cmd{background:var(--code-bg);padding:2px 6px;border-radius:4px;user-select:all;word-break:break-all}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
.shot{margin:0;min-width:0}
.shot .thumb img{width:100%;max-height:160px}
.shot figcaption{font-size:12px;margin-top:4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.trend{width:100%;height:auto;display:block}
.trend .grid{stroke:var(--border);stroke-dasharray:3 3}.trend .baseline{stroke:var(--muted)}.trend .axis{font-size:10px;fill:var(--muted)}
.trend .line{fill:none;stroke-width:2}.line.passed,.dot.passed{stroke:var(--passed);fill:var(--passed)}.line.flaky,.dot.flaky{stroke:var(--flaky);fill:var(--flaky)}
.line.duration,.dot.duration{stroke:var(--accent);fill:var(--accent)}.trend .line{fill:none}
.chart figcaption{font-size:12px;color:var(--muted);text-align:center}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;margin:0 0 12px}
.filters label{font-size:12px;color:var(--muted);font-weight:600}
.filters input,.filters select{font:inherit;font-size:13px;padding:3px 6px;border:1px solid var(--border);border-radius:6px;background:var(--surface);color:var(--text)}
.filters input{min-width:200px}
.filter-count{margin:0 0 0 auto;font-size:12.5px;color:var(--muted)}
.test-row summary .num{margin-left:8px}
.chip.tag{border-style:dotted}
.story{margin-top:8px}
.story h3{font-size:13.5px;margin:12px 0 4px}
.attempt-block{border-left:3px solid var(--border);padding-left:10px;margin:8px 0}
table.steps td{padding:3px 10px}
.step.d1{padding-left:26px}.step.d2{padding-left:42px}.step.d3{padding-left:58px}.step.d4{padding-left:74px}
.failed-step .step{color:var(--failed)}
.step-error{font-size:12px}
.page-loads .url{word-break:break-all}
.annotations{list-style:none;padding:0;margin:0}.annotations li{margin:2px 0}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:8px}
@media (max-width:600px){main{padding:0 8px 32px}section{padding:12px}.top{padding:14px 12px 0}.stats{flex-basis:100%}}
@media print{section{break-inside:avoid-page}.top nav{display:none}}
`.trim();
