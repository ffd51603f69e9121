// Renders an HTML report in headless Chromium through the DevTools protocol (Node's own
// WebSocket: no package to install) and measures what the issue asks of it:
//   - at a phone's width (390 CSS px, mobile emulation): the document width against the viewport
//     (no horizontal scroll) and the smallest chart text on screen, in CSS px;
//   - the same at a tablet's (768) and a desktop's (1280) width;
//   - printed to A4 PDF: the pages, and any page whose only content is headings or that ends on
//     a heading (pdftotext per page, from poppler-utils).
// It also writes the screenshots and the PDF it was given paths for.
//
//   node --experimental-websocket scripts/report_browser.mjs REPORT.html OUT_DIR
//
// Writes OUT_DIR/report-phone.png, OUT_DIR/report-desktop.png, OUT_DIR/report.pdf and prints
// the figures as JSON on stdout. Called by scripts/screenshot_report.sh.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [report, outDir] = process.argv.slice(2);
if (!report || !outDir) {
  console.error("usage: report_browser.mjs REPORT.html OUT_DIR");
  process.exit(2);
}
const chromium = process.env.CHROMIUM || "chromium";
const profile = mkdtempSync(join(tmpdir(), "report-browser-"));
const browser = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
  `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

const endpoint = await new Promise((ok, fail) => {
  let err = "";
  browser.stderr.on("data", (d) => {
    err += d;
    const m = err.match(/DevTools listening on (ws:\S+)/);
    if (m) ok(m[1]);
  });
  browser.on("exit", () => fail(new Error("chromium exited: " + err)));
});

const ws = new WebSocket(endpoint);
await new Promise((ok) => ws.addEventListener("open", ok));
let next = 0;
const waiting = new Map();
const listeners = [];
ws.addEventListener("message", (e) => {
  const msg = JSON.parse(e.data);
  if (msg.id !== undefined && waiting.has(msg.id)) {
    const { ok, fail } = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error) fail(new Error(JSON.stringify(msg.error)));
    else ok(msg.result);
  } else if (msg.method) {
    for (const l of listeners.splice(0)) {
      if (l.method === msg.method) l.ok(msg.params);
      else listeners.push(l);
    }
  }
});
const send = (method, params = {}, sessionId) =>
  new Promise((ok, fail) => {
    const id = ++next;
    waiting.set(id, { ok, fail });
    ws.send(JSON.stringify({ id, method, params, sessionId }));
  });
const event = (method) => new Promise((ok) => listeners.push({ method, ok }));

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
const page = (method, params) => send(method, params, sessionId);
await page("Page.enable");
const url = "file://" + resolve(report);

async function load(width, height, mobile) {
  await page("Emulation.setDeviceMetricsOverride", {
    width, height, deviceScaleFactor: 1, mobile,
  });
  const loaded = event("Page.loadEventFired");
  await page("Page.navigate", { url });
  await loaded;
}

// Evaluated in the page: the layout figures.
const MEASURE = `(() => {
  const de = document.documentElement;
  let min = Infinity, count = 0, smallest = "";
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.textContent.trim() || !t.getClientRects().length) continue;
    const ctm = t.getScreenCTM();
    if (!ctm) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    count += 1;
    if (px < min) { min = px; smallest = t.textContent; }
  }
  // Numbers out of their boxes: chart text past its chart's edge, card figures wider than their card.
  const outOfBox = [];
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.textContent.trim() || !t.getClientRects().length) continue;
    const r = t.getBoundingClientRect(), b = t.ownerSVGElement.getBoundingClientRect();
    if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5)
      outOfBox.push(t.textContent);
  }
  for (const e of document.querySelectorAll(".card b, .card span")) {
    if (e.scrollWidth > e.clientWidth + 1 && !e.closest(".scroll")) outOfBox.push(e.textContent);
  }
  const overflowing = [];
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > innerWidth + 0.5 && !e.closest(".scroll")) overflowing.push(e.tagName);
  }
  return { viewport: innerWidth, documentWidth: de.scrollWidth, documentHeight: de.scrollHeight,
    chartTexts: count, minChartTextPx: Math.round(min * 100) / 100, smallestChartText: smallest,
    overflowing: overflowing.slice(0, 10), outOfBox: outOfBox.slice(0, 10),
    headings: [...document.querySelectorAll("h1, h2, h3")].map((h) => h.textContent.trim()) };
})()`;
const measure = async () =>
  (await page("Runtime.evaluate", { expression: MEASURE, returnByValue: true })).result.value;

async function shot(path, width, height) {
  const { data } = await page("Page.captureScreenshot", {
    format: "png",
    captureBeyondViewport: true,
    clip: { x: 0, y: 0, width, height, scale: 1 },
  });
  writeFileSync(path, Buffer.from(data, "base64"));
}

const figures = {};
await load(390, 844, true);
figures.phone = await measure();
await shot(join(outDir, "report-phone.png"), 390, Math.min(figures.phone.documentHeight, 2400));
await load(768, 1024, true);
figures.tablet = await measure();
await load(1280, 900, false);
figures.desktop = await measure();
await shot(join(outDir, "report-desktop.png"), 1280, Math.min(figures.desktop.documentHeight, 2400));
// The explorer, driven as a reader would: search, filter by class, sort by mean.
const EXPLORE = `(() => {
  const rows = () => [...document.querySelectorAll("#explore tbody tr")];
  const shown = () => rows().filter((r) => !r.hidden).length;
  const q = document.getElementById("x-q"), c = document.getElementById("x-c");
  const out = { controlsShown: !document.querySelector("#explore .controls").hidden, rows: rows().length };
  const first = rows()[0].cells[0].textContent;
  q.value = first; q.dispatchEvent(new Event("input"));
  out.searchFirstJob = shown();
  q.value = ""; c.value = c.options[1].value; c.dispatchEvent(new Event("input"));
  out.classFilter = [c.options[1].textContent, shown()];
  c.value = ""; c.dispatchEvent(new Event("input"));
  const heads = [...document.querySelectorAll("#explore thead th")];
  const mean = heads.findIndex((h) => h.classList.contains("n") && /Mean|Moyenne/.test(h.textContent));
  heads[mean].click();
  const values = rows().map((r) => parseFloat(r.cells[mean].getAttribute("data-v")));
  out.sortedAscendingByMean = values.every((v, i) => i === 0 || values[i - 1] <= v);
  out.count = document.getElementById("x-n").textContent;
  return out;
})()`;
figures.explorer = (await page("Runtime.evaluate", { expression: EXPLORE, returnByValue: true })).result.value;
// A dot tapped shows its job under the chart.
const TAP = `(() => {
  const dot = [...document.querySelectorAll("#scatter figure.wide circle")][0];
  dot.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  return document.querySelector("#scatter .tip").textContent === dot.querySelector("title").textContent;
})()`;
figures.tapShowsJob = (await page("Runtime.evaluate", { expression: TAP, returnByValue: true })).result.value;
// Reload so the print starts from the page as opened.
await load(1280, 900, false);
const headings = figures.desktop.headings;
for (const f of [figures.phone, figures.tablet, figures.desktop]) delete f.headings;

// Print: A4 from the page's own @page rule, backgrounds on, no browser header or footer.
const { data: pdf } = await page("Page.printToPDF", {
  preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false,
});
const pdfPath = join(outDir, "report.pdf");
writeFileSync(pdfPath, Buffer.from(pdf, "base64"));
ws.close();
const exited = new Promise((ok) => browser.on("exit", ok));
browser.kill();
await exited;
rmSync(profile, { recursive: true, force: true });

// Per page: its lines, whether they are all headings, whether the page ends on a heading, and
// how far down the page its last text goes (a half-empty page shows as a small fill).
const info = spawnSync("pdfinfo", [pdfPath], { encoding: "utf8" });
const pages = Number((info.stdout.match(/Pages:\s+(\d+)/) || [])[1] || 0);
const isHeading = (line) => headings.includes(line.replace(/\s+/g, " ").trim());
const bbox = spawnSync("pdftotext", ["-bbox", pdfPath, "-"], { encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
const fills = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => {
  const ys = [...m[3].matchAll(/yMax="([\d.]+)"/g)].map((y) => Number(y[1]));
  return ys.length ? Math.round((Math.max(...ys) / Number(m[2])) * 100) : 0;
});
figures.print = { pages, headingOnlyPages: [], endsOnHeading: [], fillPercent: fills };
for (let p = 1; p <= pages; p++) {
  const text = spawnSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdfPath, "-"], { encoding: "utf8" }).stdout;
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l);
  if (lines.length && lines.every(isHeading)) figures.print.headingOnlyPages.push(p);
  if (lines.length && isHeading(lines[lines.length - 1])) figures.print.endsOnHeading.push(p);
}
console.log(JSON.stringify(figures, null, 2));
process.exit(0);
