/** The dashboard's one stylesheet, served at /dashboard/style.css. Contrast meets WCAG AA in both parts. */
export const STYLES = `
:root{--bg:#f6f7f9;--panel:#fff;--text:#1c2330;--muted:#4f5968;--border:#d5d9e0;--accent:#1f5fbf;
--passed:#1a7f37;--failed:#c4231c;--flaky:#9a6700;--skipped:#59636e}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--text)}
a{color:var(--accent)}main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}h1{font-size:22px;margin:8px 0 16px}h2{font-size:17px;margin:24px 0 8px}
.top{display:flex;gap:16px;align-items:center;padding:10px 24px;background:#14233c;color:#fff}.top a,.top .who{color:#fff}.brand{font-weight:700;text-decoration:none;margin-right:auto}
.top form{margin:0}button{font:inherit;padding:5px 12px;border:1px solid var(--border);border-radius:4px;background:#fff;color:var(--text);cursor:pointer}
.top button{background:transparent;color:#fff;border-color:#8a9bb5}
.crumbs ol{list-style:none;display:flex;gap:6px;padding:0;margin:0;color:var(--muted)}.crumbs li+li::before{content:"›";margin-right:6px}
table{border-collapse:collapse;width:100%;background:var(--panel);border:1px solid var(--border)}caption{text-align:left;font-weight:600;padding:6px 0}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--border);vertical-align:top}th{background:#eef0f4;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--skipped)}
.badge.passed{background:var(--passed)}.badge.failed,.badge.timedout,.badge.interrupted{background:var(--failed)}.badge.flaky{background:var(--flaky)}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin:0 0 12px}form.filters label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:var(--muted)}
input,select{font:inherit;padding:4px 6px;border:1px solid #8c95a3;border-radius:4px;background:#fff;color:var(--text)}
.pager{display:flex;gap:16px;margin:10px 0;color:var(--muted)}.empty{color:var(--muted)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:var(--panel);border:1px solid var(--border);padding:12px;margin:0}.meta dt{color:var(--muted)}.meta dd{margin:0}
pre{white-space:pre-wrap;word-break:break-word;background:#f0f1f4;border:1px solid var(--border);padding:8px;font-size:12px;max-height:320px;overflow:auto}
.login{max-width:360px;background:var(--panel);border:1px solid var(--border);padding:20px;display:flex;flex-direction:column;gap:12px}.login label{display:flex;flex-direction:column;gap:4px}
.error{color:var(--failed);font-weight:600}
.timeline{display:flex;flex-wrap:wrap;gap:3px;list-style:none;padding:0}.timeline a{display:block;width:22px;height:22px;border-radius:3px;background:var(--skipped);color:#fff;font-size:11px;text-align:center;line-height:22px;text-decoration:none;font-weight:700}
.timeline a.passed{background:var(--passed)}.timeline a.failed{background:var(--failed)}.timeline a.flaky{background:var(--flaky)}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}.trends figure{margin:0;background:var(--panel);border:1px solid var(--border);padding:8px}
.trend{width:100%;height:auto;display:block}.trend .grid{stroke:var(--border);stroke-dasharray:3 3}.trend .baseline{stroke:var(--muted)}.trend .axis{font-size:10px;fill:var(--muted)}
.trend .line{fill:none;stroke-width:2}.line.passed,.dot.passed{stroke:var(--passed);fill:var(--passed)}.line.flaky,.dot.flaky{stroke:var(--flaky);fill:var(--flaky)}
.line.duration,.dot.duration{stroke:var(--accent);fill:var(--accent)}.line.count,.dot.count{stroke:var(--muted);fill:var(--muted)}.trend .line{fill:none}
.badge.quarantined{background:#5b3fa0}.quarantine{margin-bottom:8px}
.tabs{display:flex;gap:16px;margin:0 0 12px}.note{color:var(--muted);max-width:80ch}
`.trim();
