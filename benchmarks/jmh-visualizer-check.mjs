#!/usr/bin/env node
// Checks, as a user would see them, that JMH result files (-rf json) show their true numbers in
// JMH Visualizer (jzillmann/jmh-visualizer, the prebuilt static page). For each JSON file it copies
// the page into a scratch folder, writes the file into its provided.js, opens it offline in headless
// Chromium (sequentially, one page at a time), screenshots the overview and each benchmark class's
// detail page (where the secondary metrics are drawn), and reads back what the page shows: row
// labels, legend, bar value labels, bar lengths and each row's tooltip table. These are compared
// with the JSON's score/scoreUnit/scoreError/rawData of the primary and every secondary metric.
//
// Usage:  node benchmarks/jmh-visualizer-check.mjs [options] FILE.json...
//   --vis DIR      the visualizer's static page (index.html, bundle.js, provided.js, settings.js);
//                  default $JMHVIS_DIR or /tmp/jmhvis/docs
//   --out DIR      scratch folders, screenshots and reports; default /tmp/jmhvis-check
//   --no-hover     skip the tooltips (faster; the value labels and bars are still checked)
//   --no-detail    skip the detail pages (secondary metrics)
// Needs: Chromium (default /usr/bin/chromium, or $CHROMIUM) and the npm package playwright-core in
// $JMHVIS_NODE_MODULES (default /tmp/jmhvis-harness/node_modules):
//   mkdir -p /tmp/jmhvis-harness && cd /tmp/jmhvis-harness && npm install playwright-core
// No browser is downloaded; every request that is not a file: URL is blocked (the page is offline).
// Writes OUT/<name>/{overview.png,detail-*.png,check.json,report.txt} and OUT/summary.txt; exits 1
// when a number, unit or bar does not match the JSON (error), a number or label is cut off
// (unreadable), or the JSON itself looks wrong (json: a ...Ms metric not in ms, or a phase longer
// than the whole operation); layout notes such as wrapped row labels do not fail it.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = {
    vis: process.env.JMHVIS_DIR || '/tmp/jmhvis/docs',
    out: '/tmp/jmhvis-check',
    hover: true,
    detail: true,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    modules: process.env.JMHVIS_NODE_MODULES || '/tmp/jmhvis-harness/node_modules',
};
const files = [];
for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vis') opt.vis = argv[++i];
    else if (a === '--out') opt.out = argv[++i];
    else if (a === '--no-hover') opt.hover = false;
    else if (a === '--no-detail') opt.detail = false;
    else if (a === '-h' || a === '--help') { usage(0); }
    else if (a.startsWith('--')) { console.error(`unknown option ${a}`); usage(2); }
    else files.push(a);
}
function usage(code) {
    const text = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n')
        .slice(1).filter((l, i, a) => a.slice(0, i + 1).every(x => x.startsWith('//'))).map(l => l.replace(/^\/\/ ?/, '')).join('\n');
    (code ? console.error : console.log)(text);
    process.exit(code);
}
if (files.length === 0) usage(2);
for (const f of ['index.html', 'bundle.js', 'provided.js', 'settings.js']) {
    if (!fs.existsSync(path.join(opt.vis, f))) { console.error(`${opt.vis}/${f} missing: is --vis the visualizer's docs/ folder?`); process.exit(2); }
}
let chromium;
try {
    chromium = createRequire(path.join(path.resolve(opt.modules), '..', 'x.js'))('playwright-core').chromium;
} catch (e) {
    console.error(`playwright-core not found under ${opt.modules}: mkdir -p /tmp/jmhvis-harness && cd /tmp/jmhvis-harness && npm install playwright-core`);
    process.exit(2);
}
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

// ------------------------------------------------- what the page should show, from the JSON alone
// JMH Visualizer (0.9.x) groups a run's results by class (benchmark name without its last
// dot-part), names each result "method k=v k=v" (params in JSON order), splits that name again on
// ' ' and '=' to get the params, and picks row label and bar group from how many params and
// distinct methods the class has. A second result with the same name becomes "method_mode".
function expectedLayout(entries, metricKey) {
    const classes = new Map();
    for (const e of entries) {
        const parts = e.benchmark.split('.');
        const method = parts.pop();
        const cls = parts.join('.');
        if (!classes.has(cls)) classes.set(cls, new Map());
        const byName = classes.get(cls);
        let name = method + Object.entries(e.params || {}).map(([k, v]) => ` ${k}=${v}`).join('');
        if (byName.has(name)) name = name.split(' ').map((p, i) => i === 0 ? `${p}_${e.mode}` : p).join(' ');
        if (!byName.has(name)) byName.set(name, []);
        byName.get(name).push(e);
    }
    const out = [];
    for (const [cls, byName] of classes) {
        const methods = [...byName].map(([name, es]) => {
            const tokens = name.split(' ');
            const m = tokens.shift();
            return { name: m, params: tokens.length ? tokens.map(t => t.split('=')) : null, entry: es[0], shadowed: es.slice(1) };
        });
        const methodCount = new Set(methods.map(m => m.name)).size;
        const first = methods[0];
        const metricOf = e => metricKey === 'Score' ? e.primaryMetric : (e.secondaryMetrics || {})[metricKey];
        const typeOf = e => metricKey === 'Score' ? e.mode : metricKey;
        const firstUnit = metricOf(first.entry) ? metricOf(first.entry).scoreUnit : '';
        const P = first.params ? first.params.length : 0;
        let row, group;
        const v = (m, i) => (m.params && m.params[i]) ? m.params[i][1] : undefined;
        const k = (m, i) => (m.params && m.params[i]) ? m.params[i][0] : undefined;
        if (P === 0) { row = m => m.name; group = () => `${typeOf(first.entry)} ${firstUnit}`; }
        else if (P === 1 && methodCount === 1) { row = m => `${k(m, 0)} =  ${v(m, 0)}`; group = () => `${typeOf(first.entry)} ${firstUnit}`; }
        else if (P === 1) { row = m => m.name; group = m => m.params ? v(m, 0) : ''; }
        else if (P === 2 && methodCount === 1) { row = m => `${k(m, 0)} = ${v(m, 0)}`; group = m => v(m, 1); }
        else if (methodCount > 1) { row = m => m.name; group = m => (m.params || []).map(p => p[1]).join(':'); }
        else { const g = first.params.map(p => p[0]).join(':'); row = m => (m.params || []).map(p => p[1]).join(':'); group = () => g; }
        const rows = [], groups = [], slots = [];
        const notes = [];
        for (const m of methods) {
            const r = String(row(m)), g = String(group(m));
            if (!rows.includes(r)) rows.push(r);
            for (const s of m.shadowed) notes.push(`result ${s.benchmark} ${JSON.stringify(s.params || {})} mode ${s.mode} has the same name as an earlier one and is not drawn`);
            const metric = metricOf(m.entry);
            if (!metric) continue;
            if (!groups.includes(g)) groups.push(g);
            const prev = slots.find(s => s.row === r && s.group === g);
            const slot = { row: r, group: g, entry: m.entry, metric };
            if (prev) { notes.push(`results ${JSON.stringify(prev.entry.params || {})} and ${JSON.stringify(m.entry.params || {})} both land on row '${r}' bar '${g}': only the latter is drawn`); slots.splice(slots.indexOf(prev), 1); }
            slots.push(slot);
            for (const [pk, pv] of Object.entries(m.entry.params || {})) {
                if (/[ =]/.test(String(pv))) notes.push(`param ${pk}=${JSON.stringify(pv)} has a space or '=': the visualizer splits names on them, so its labels are garbled`);
            }
        }
        // the visualizer keeps rows whose results all lack this metric (empty rows); it decides rounding per chart
        const round = slots.some(s => s.metric.score > 5);
        out.push({ cls, name: cls.split('.').pop(), metricKey, rows, groups, slots, round, notes, methodCount, paramCount: P });
    }
    return out;
}

function fmtExpected(x, round) {
    if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
    if (round && (x >= 1 || x <= -1)) x = Math.round(x);
    if (round && (x > 1 || x < -1)) return x.toLocaleString('en-US');
    return String(x);
}
function parseShown(s) {
    if (s === undefined || s === null) return NaN;
    const m = String(s).replace(/,/g, '').match(/^\s*(-?[0-9.]+(?:e[-+]?\d+)?)/i);
    return m ? Number(m[1]) : NaN;
}
function sameNumber(shown, truth, round) {
    if (!Number.isFinite(shown) || !Number.isFinite(truth)) return false;
    const tol = round && Math.abs(truth) >= 1 ? 0.5 + 1e-9 * Math.abs(truth) : 1e-9 * Math.max(1, Math.abs(truth));
    return Math.abs(shown - truth) <= tol;
}
function flatRaw(metric) {
    const raw = metric.rawData || [];
    return raw.flat(2).filter(x => typeof x === 'number');
}

// ------------------------------------------------------------------ what the page does show
// Runs in the page: every bar chart outside tooltips, with its title, rows, legend, bars, labels.
function readCharts() {
    const box = el => { const r = el.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height }; };
    const charts = [];
    for (const w of document.querySelectorAll('.recharts-wrapper')) {
        if (w.closest('.recharts-tooltip-wrapper')) continue;
        // the chart's title: the h3 of the nearest ancestor that has one
        let title = '', titleFull = '', a = w.parentElement;
        while (a && a !== document.body) {
            const h = a.querySelector(':scope > h3, :scope > div > h3');
            if (h) { const s = h.querySelector('span'); title = (s ? s.textContent : h.textContent).trim(); titleFull = h.textContent.replace(/\s+/g, ' ').trim(); break; }
            a = a.parentElement;
        }
        const svg = w.querySelector('svg.recharts-surface');
        const clip = svg.querySelector('defs clipPath rect');
        const plot = clip ? { x: +clip.getAttribute('x'), y: +clip.getAttribute('y'), w: +clip.getAttribute('width'), h: +clip.getAttribute('height') } : null;
        const yTicks = [...svg.querySelectorAll('.recharts-yAxis .recharts-cartesian-axis-tick-value')].map(t => ({
            text: [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent,
            lines: t.querySelectorAll('tspan').length || 1, box: box(t),
        }));
        const xTicks = [...svg.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick-value')].map(t => t.textContent);
        const legend = [...w.querySelectorAll('.recharts-legend-item-text')].map(t => t.textContent);
        const bars = [...svg.querySelectorAll('.recharts-bar')].map(b => ({
            rects: [...b.querySelectorAll('.recharts-bar-rectangle')].map(r => {
                const p = r.querySelector('path');
                if (!p) return null;
                const bb = p.getBBox();
                return { x: bb.x, y: bb.y, w: bb.width, h: bb.height };
            }),
            labels: [...b.querySelectorAll('.recharts-bar-label')].map(t => {
                // the characters that lie inside the chart: an inline <svg> clips what overflows it
                const svgW = svg.width.baseVal.value;
                let n = 0;
                try { for (let i = 0; i < t.getNumberOfChars(); i++) { const e = t.getExtentOfChar(i); if (e.x + e.width <= svgW + 0.5) n = i + 1; else break; } }
                catch (e) { n = t.textContent.length; }
                return { text: t.textContent, visible: t.textContent.slice(0, n), y: +t.getAttribute('y'), box: box(t) };
            }),
        }));
        // what follows the chart: "Parameter Names: ..."
        let after = w.closest('.recharts-responsive-container');
        after = after && after.nextElementSibling ? after.nextElementSibling.textContent.trim() : '';
        charts.push({ title, titleFull, svgBox: box(svg), plot, yTicks, xTicks, legend, bars, after, wrapperIndex: [...document.querySelectorAll('.recharts-wrapper')].indexOf(w) });
    }
    return charts;
}

// ---------------------------------------------------------------------------------- checking
function checkChart(shown, exp, where, findings, opts) {
    const add = (severity, msg) => findings.push({ severity, where, msg });
    const rows = exp.rows, groups = exp.groups;
    const result = { where, title: shown.title, rows: shown.yTicks.map(t => t.text), legend: shown.legend, xTicks: shown.xTicks, after: shown.after, cells: [] };
    // rows and legend as a user reads them
    const tickTexts = shown.yTicks.map(t => t.text.replace(/\s+/g, ' '));
    const expRows = rows.map(r => r.replace(/\s+/g, ' '));
    if (JSON.stringify(tickTexts) !== JSON.stringify(expRows)) add('error', `row labels ${JSON.stringify(tickTexts)} but the JSON gives ${JSON.stringify(expRows)}`);
    if (JSON.stringify(shown.legend) !== JSON.stringify(groups)) add('error', `legend ${JSON.stringify(shown.legend)} but the JSON gives ${JSON.stringify(groups)}`);
    for (const t of shown.yTicks) {
        if (t.text.length > 40) add('layout', `long row label (${t.text.length} chars): '${t.text}'`);
        if (t.lines > 1) add('layout', `row label '${t.text}' wraps onto ${t.lines} lines`);
        if (t.box.x < shown.svgBox.x - 0.5) add('unreadable', `row label '${t.text}' is cut off on the left by ${Math.round(shown.svgBox.x - t.box.x)} px (its first characters are not shown)`);
    }
    for (let i = 1; i < shown.yTicks.length; i++) {
        const a = shown.yTicks[i - 1].box, b = shown.yTicks[i].box;
        if (a.y + a.h > b.y + 1) add('layout', `row labels '${shown.yTicks[i - 1].text}' and '${shown.yTicks[i].text}' overlap by ${Math.round(a.y + a.h - b.y)} px`);
    }
    for (const g of shown.legend) if (g.length > 40) add('layout', `long legend entry (${g.length} chars): '${g}'`);
    // bars: slot by (bar layer = legend index, row band from the plot area's height)
    const plot = shown.plot, band = plot && rows.length ? plot.h / rows.length : 0;
    const rowOf = y => band ? Math.floor((y - plot.y) / band) : -1;
    const units = new Set(exp.slots.map(s => s.metric.scoreUnit));
    if (units.size > 1) add('error', `one chart mixes units ${JSON.stringify([...units])} on one axis (tooltip shows only one)`);
    const widthPerUnit = [];
    for (const s of exp.slots) {
        const gi = groups.indexOf(s.group), ri = rows.indexOf(s.row);
        const layer = shown.bars[gi];
        const cell = { row: s.row, group: s.group, json: s.metric.score, jsonUnit: s.metric.scoreUnit, params: s.entry.params || {} };
        result.cells.push(cell);
        if (!layer) { add('error', `no bar layer for group '${s.group}' (row '${s.row}', JSON score ${s.metric.score})`); continue; }
        const rect = layer.rects.filter(Boolean).find(r => rowOf(r.y + r.h / 2) === ri);
        const label = layer.labels.find(l => rowOf(l.y + 7) === ri);
        cell.barWidth = rect ? +rect.w.toFixed(1) : null;
        cell.label = label ? label.text : null;
        if (!rect || !(rect.w > 0.5)) {
            if (s.metric.score !== 0) add('error', `missing bar: row '${s.row}' bar '${s.group}' (JSON score ${s.metric.score} ${s.metric.scoreUnit})`);
        } else if (s.metric.score > 0) widthPerUnit.push({ k: rect.w / s.metric.score, s, w: rect.w });
        if (!label) { add('error', `no value label: row '${s.row}' bar '${s.group}' (JSON score ${s.metric.score})`); continue; }
        const shownNum = parseShown(label.text);
        const unit = label.text.replace(/^\s*-?[0-9.,]+(?:e[-+]?\d+)?\s?/i, '');
        cell.shownNumber = shownNum; cell.shownUnit = unit;
        if (!sameNumber(shownNum, s.metric.score, exp.round)) {
            const ratio = shownNum / s.metric.score;
            add('error', `row '${s.row}' bar '${s.group}': shows '${label.text}' but the JSON score is ${s.metric.score}${Number.isFinite(ratio) ? ` (x${+ratio.toPrecision(3)})` : ''}`);
        }
        if (unit !== s.metric.scoreUnit) add('error', `row '${s.row}' bar '${s.group}': unit shown '${unit}' but the JSON's scoreUnit is '${s.metric.scoreUnit}'`);
        const expectedText = `${fmtExpected(exp.round ? Math.round(s.metric.score) : s.metric.score, exp.round)} ${s.metric.scoreUnit}`;
        if (label.text !== expectedText && sameNumber(shownNum, s.metric.score, exp.round)) add('note', `label '${label.text}' differs in format from '${expectedText}'`);
        cell.visible = label.visible;
        if (label.visible !== label.text) {
            const num = (label.text.match(/^\s*-?[0-9.,]+(?:e[-+]?\d+)?/i) || [''])[0];
            if (label.visible.length < num.length) add('unreadable', `row '${s.row}': value label cut off at the right edge of the chart, a person reads only '${label.visible}' of '${label.text}' (the number itself is cut; the tooltip has it)`);
            else add('layout', `row '${s.row}': unit of value label cut off at the right edge of the chart: '${label.visible}' of '${label.text}'`);
        }
    }
    // bar lengths: linear axis from 0, so width/score is one constant
    if (widthPerUnit.length > 1) {
        const ks = widthPerUnit.map(x => x.k), kmed = ks.slice().sort((a, b) => a - b)[Math.floor(ks.length / 2)];
        for (const x of widthPerUnit) {
            const expW = x.s.metric.score * kmed;
            if (Math.abs(x.w - expW) > Math.max(1.5, 0.01 * expW)) add('error', `bar length of row '${x.s.row}' bar '${x.s.group}' is ${x.w.toFixed(1)} px, ${(expW).toFixed(1)} px expected from the other bars (score ${x.s.metric.score})`);
        }
    }
    // extra drawn bars that the JSON does not have
    const drawn = shown.bars.reduce((n, b) => n + b.rects.filter(r => r && r.w > 0.5).length, 0);
    const expectedDrawn = exp.slots.filter(s => s.metric.score !== 0).length;
    if (drawn !== expectedDrawn) add('error', `${drawn} bars drawn, ${expectedDrawn} expected`);
    result.round = exp.round;
    return result;
}

function checkTooltip(tip, exp, row, where, findings) {
    const add = (severity, msg) => findings.push({ severity, where, msg });
    if (!tip) { add('error', `no tooltip on row '${row}'`); return; }
    if (tip.label.replace(/\s+/g, ' ') !== row.replace(/\s+/g, ' ')) add('error', `tooltip title '${tip.label}' on row '${row}'`);
    const slots = exp.slots.filter(s => s.row === row);
    const multi = tip.headers[0] !== 'Score';
    for (const s of slots) {
        const tr = multi ? tip.rows.find(r => r[0] === s.group) : tip.rows[0];
        if (!tr) { add('error', `tooltip of row '${row}' has no line for '${s.group}'`); continue; }
        const cells = multi ? tr.slice(1) : tr; // Score Min Max Error Unit
        const [score, min, max, err, unit] = cells;
        const raw = flatRaw(s.metric);
        const lo = Math.min(s.metric.score, ...raw), hi = Math.max(s.metric.score, ...raw);
        const checks = [['Score', score, s.metric.score], ['Min', min, lo], ['Max', max, hi]];
        if (s.metric.scoreError !== undefined && s.metric.scoreError !== 'NaN' && Number.isFinite(Number(s.metric.scoreError))) checks.push(['Error', err, Number(s.metric.scoreError)]);
        for (const [name, text, truth] of checks) {
            if (!sameNumber(parseShown(text), truth, exp.round)) add('error', `tooltip of row '${row}' bar '${s.group}': ${name} '${text}' but the JSON gives ${truth}`);
        }
        if (unit !== s.metric.scoreUnit) add('error', `tooltip of row '${row}' bar '${s.group}': Unit '${unit}' but the JSON's scoreUnit is '${s.metric.scoreUnit}'`);
        s.tooltip = { score, min, max, err, unit };
    }
}

// hovers each row of the chart with the mouse and reads the tooltip table
async function hoverRows(page, wrapperIndex, nRows) {
    const out = [];
    const w = page.locator('.recharts-wrapper').nth(wrapperIndex);
    await w.evaluate(el => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(50);
    for (let i = 0; i < nRows; i++) {
        const pt = await w.evaluate((el, { i, n }) => {
            const clip = el.querySelector('svg.recharts-surface defs clipPath rect');
            const svg = el.querySelector('svg.recharts-surface').getBoundingClientRect();
            const x = +clip.getAttribute('x'), y = +clip.getAttribute('y'), h = +clip.getAttribute('height'), wd = +clip.getAttribute('width');
            return { x: svg.left + x + wd * 0.25, y: svg.top + y + (i + 0.5) * h / n };
        }, { i, n: nRows }).catch(() => null);
        if (!pt) { out.push(null); continue; }
        await page.mouse.move(pt.x, pt.y);
        let tip = null;
        for (let t = 0; t < 20 && !tip; t++) {
            tip = await w.evaluate(el => {
                const tw = el.querySelector('.recharts-tooltip-wrapper');
                if (!tw || !tw.querySelector('table')) return null;
                const h4 = tw.querySelector('h4');
                return {
                    label: h4 ? h4.textContent : '',
                    headers: [...tw.querySelectorAll('table thead th')].map(th => th.textContent),
                    rows: [...tw.querySelectorAll('table tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent)),
                    rawBars: tw.querySelectorAll('.recharts-bar-rectangle').length,
                };
            }).catch(() => null);
            if (!tip) await page.waitForTimeout(25);
        }
        out.push(tip);
    }
    await page.mouse.move(1, 1);
    return out;
}

async function waitForCharts(page, timeout = 20000) {
    // recharts draws the value labels once the bars' animation has ended; wait until they stop changing
    const t0 = Date.now();
    let last = -1, stableSince = Date.now();
    while (Date.now() - t0 < timeout) {
        const n = await page.evaluate(() => document.querySelectorAll('.recharts-bar-label').length + 1000 * document.querySelectorAll('.recharts-wrapper').length);
        if (n !== last) { last = n; stableSince = Date.now(); }
        else if (n > 0 && Date.now() - stableSince > 1200) return;
        await page.waitForTimeout(150);
    }
}

const safe = s => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

// ------------------------------------------------------------------------------------ main
async function checkFile(browser, file) {
    let rel = path.relative(process.cwd(), path.resolve(file));
    if (rel.startsWith('..')) rel = path.resolve(file);
    const short = rel.startsWith('/') ? path.resolve(file).split('/').slice(-2).join('/') : rel;
    const name = safe(short.replace(/^docs\//, '').replace(/\.json$/, '').replace(/\//g, '__'));
    const dir = path.join(opt.out, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const findings = [];
    const report = { file: rel, dir, findings, overview: [], details: [] };
    const text = fs.readFileSync(file, 'utf8');
    let entries;
    try { entries = JSON.parse(text); } catch (e) { findings.push({ severity: 'error', where: 'json', msg: `not JSON: ${e.message}` }); return report; }
    if (!Array.isArray(entries)) { findings.push({ severity: 'error', where: 'json', msg: 'not a JMH result array' }); return report; }
    report.entries = entries.length;
    for (const [i, e] of entries.entries()) {
        for (const [k, m] of [['primaryMetric', e.primaryMetric], ...Object.entries(e.secondaryMetrics || {}).map(([a, b]) => [`secondaryMetrics.${a}`, b])]) {
            if (!m || typeof m.score !== 'number') findings.push({ severity: 'error', where: 'json', msg: `entry ${i} ${k}: no numeric score` });
            else if (!m.rawData && !m.rawDataHistogram) findings.push({ severity: 'error', where: 'json', msg: `entry ${i} ${k}: no rawData (the visualizer needs it for min/max and throws without it)` });
            if (m && !m.scoreUnit) findings.push({ severity: 'error', where: 'json', msg: `entry ${i} ${k}: empty scoreUnit` });
        }
        // the JSON's own plausibility, which the page cannot show wrong or right: a metric named
        // ...Ms should be in ms, and a phase inside one operation cannot last longer than the operation
        const pm = e.primaryMetric || {};
        const perOp = { 'ns/op': 1e-6, 'us/op': 1e-3, 'ms/op': 1, 's/op': 1e3 }[pm.scoreUnit];
        for (const [key, m] of Object.entries(e.secondaryMetrics || {})) {
            if (!/Ms$/.test(key) || !m || typeof m.score !== 'number') continue;
            const where = `json entry ${i} ${JSON.stringify(e.params || {})}`;
            if (m.scoreUnit !== 'ms') findings.push({ severity: 'json', where, msg: `${key} is named in ms but its scoreUnit is '${m.scoreUnit}'` });
            if (perOp && typeof pm.score === 'number' && m.score > 1.2 * pm.score * perOp) findings.push({ severity: 'json', where, msg: `${key} = ${+m.score.toFixed(1)} is x${+(m.score / (pm.score * perOp)).toPrecision(3)} the whole operation's ${+pm.score.toFixed(1)} ${pm.scoreUnit} (summed over iterations?)` });
        }
    }

    const site = path.join(dir, 'site');
    fs.cpSync(opt.vis, site, { recursive: true });
    fs.writeFileSync(path.join(site, 'provided.js'),
        `// ${rel}, written by benchmarks/jmh-visualizer-check.mjs\nvar providedBenchmarks = ['result'];\nvar providedBenchmarkStore = { result: ${text.trim()}\n};\n`);

    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US', deviceScaleFactor: 1 });
    const blocked = [], errors = [];
    await ctx.route('**/*', route => route.request().url().startsWith('file:') ? route.continue() : (blocked.push(route.request().url()), route.abort()));
    const page = await ctx.newPage();
    page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
    page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text().slice(0, 300)}`); });
    page.on('dialog', d => { errors.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
    const url = 'file://' + path.join(site, 'index.html');
    await page.goto(url);
    await waitForCharts(page);
    report.headline = (await page.locator('#main').innerText().catch(() => '')).split('\n').find(l => l.includes('detected')) || '';
    report.metricOptions = await page.$$eval('select option', os => os.map(o => o.textContent)).catch(() => []);
    await page.screenshot({ path: path.join(dir, 'overview.png'), fullPage: true });
    report.screenshots = ['overview.png'];

    const layouts = expectedLayout(entries, 'Score');
    const shownCharts = await page.evaluate(readCharts);
    if (shownCharts.length !== layouts.length) findings.push({ severity: 'error', where: 'overview', msg: `${shownCharts.length} charts on the overview, ${layouts.length} benchmark classes in the JSON` });
    for (const exp of layouts) {
        for (const n of exp.notes) findings.push({ severity: 'error', where: `overview ${exp.name}`, msg: n });
        const shown = shownCharts.find(c => c.title === exp.name);
        if (!shown) { findings.push({ severity: 'error', where: 'overview', msg: `no chart titled '${exp.name}'` }); continue; }
        const where = `overview ${exp.name} Score`;
        const res = checkChart(shown, exp, where, findings);
        res.titleFull = shown.titleFull;
        if (opt.hover) {
            const tips = await hoverRows(page, shown.wrapperIndex, exp.rows.length);
            exp.rows.forEach((r, i) => { if (exp.slots.some(s => s.row === r)) checkTooltip(tips[i], exp, r, where, findings); });
            res.tooltips = tips;
        }
        res.cells.forEach(c => { const s = exp.slots.find(x => x.row === c.row && x.group === c.group); if (s && s.tooltip) c.tooltip = s.tooltip; });
        report.overview.push(res);
    }
    if (opt.hover && shownCharts[0]) {
        // the first chart's first row hovered, for a picture of the tooltip as a person sees it
        const w = page.locator('.recharts-wrapper').nth(shownCharts[0].wrapperIndex);
        await w.evaluate(el => el.scrollIntoView({ block: 'start' }));
        const bb = await w.boundingBox();
        if (bb) {
            await page.mouse.move(bb.x + bb.width * 0.3, bb.y + 40);
            await page.waitForTimeout(600);
            await page.screenshot({ path: path.join(dir, 'overview-tooltip.png') });
            report.screenshots.push('overview-tooltip.png');
            await page.mouse.move(1, 1);
        }
    }

    if (opt.detail) {
        for (const exp of layouts) {
            const h3 = page.locator(`h3[id="${exp.cls}"]`);
            if (await h3.count() === 0) continue;
            await h3.locator('svg.clickable').first().click();
            await page.getByText('Details of').first().waitFor({ timeout: 10000 }).catch(() => findings.push({ severity: 'error', where: `detail ${exp.name}`, msg: 'details page did not open' }));
            await waitForCharts(page);
            const shot = `detail-${safe(exp.name)}.png`;
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.screenshot({ path: path.join(dir, `detail-${safe(exp.name)}-top.png`) });
            await page.screenshot({ path: path.join(dir, shot), fullPage: true });
            report.screenshots.push(`detail-${safe(exp.name)}-top.png`, shot);
            const metricKeys = ['Score', ...new Set(entries.filter(e => e.benchmark.startsWith(exp.cls + '.')).flatMap(e => Object.keys(e.secondaryMetrics || {})))];
            const charts = await page.evaluate(readCharts);
            const titles = charts.map(c => c.title);
            for (const key of metricKeys) {
                const where = `detail ${exp.name} ${key}`;
                const e2 = expectedLayout(entries.filter(e => e.benchmark.startsWith(exp.cls + '.') && e.benchmark.split('.').slice(0, -1).join('.') === exp.cls), key)[0];
                const shown = charts.find(c => c.title === key);
                if (!shown) { findings.push({ severity: 'error', where, msg: `no chart for metric '${key}' on the details page (charts: ${titles.length})` }); continue; }
                const res = checkChart(shown, e2, where, findings);
                res.metric = key;
                if (opt.hover) {
                    const tips = await hoverRows(page, shown.wrapperIndex, e2.rows.length);
                    e2.rows.forEach((r, i) => { if (e2.slots.some(s => s.row === r)) checkTooltip(tips[i], e2, r, where, findings); });
                }
                res.cells.forEach(c => { const s = e2.slots.find(x => x.row === c.row && x.group === c.group); if (s && s.tooltip) c.tooltip = s.tooltip; });
                // one picture per metric, as a person scrolls to it
                const cshot = `detail-${safe(exp.name)}-${safe(key)}.png`;
                const el = page.locator('.recharts-wrapper').nth(shown.wrapperIndex);
                const section = el.locator('xpath=ancestor::div[h3][1]');
                await (await section.count() ? section : el).screenshot({ path: path.join(dir, cshot) }).catch(() => {});
                res.screenshot = cshot;
                report.details.push(res);
            }
            const extra = titles.filter(t => !metricKeys.includes(t));
            if (extra.length) findings.push({ severity: 'note', where: `detail ${exp.name}`, msg: `charts not from the JSON: ${extra.join(', ')}` });
            await page.goBack();
            await waitForCharts(page, 8000);
        }
    }
    if (blocked.length) findings.push({ severity: 'note', where: 'page', msg: `blocked ${blocked.length} network requests: ${[...new Set(blocked)].slice(0, 3).join(' ')}` });
    for (const e of [...new Set(errors)]) findings.push({ severity: 'error', where: 'page', msg: e });
    await ctx.close();
    return report;
}

function textReport(r) {
    const L = [];
    L.push(`== ${r.file}  (${r.entries ?? '?'} results)  -> ${r.dir}`);
    if (r.headline) L.push(`   page: ${r.headline.trim()}`);
    if (r.metricOptions) L.push(`   overview metric menu: ${JSON.stringify(r.metricOptions)}`);
    for (const c of r.overview) {
        L.push(`   overview chart '${c.titleFull || c.title}': rows ${JSON.stringify(c.rows)}, legend ${JSON.stringify(c.legend)}, x ticks ${JSON.stringify(c.xTicks)}${c.after ? `, ${c.after}` : ''}`);
        for (const x of c.cells) L.push(`      ${x.row} | ${x.group}: shows '${x.label}'${x.tooltip ? ` (tooltip ${x.tooltip.score} min ${x.tooltip.min} max ${x.tooltip.max} ± ${x.tooltip.err} ${x.tooltip.unit})` : ''}; JSON ${x.json} ${x.jsonUnit}; bar ${x.barWidth} px`);
    }
    for (const c of r.details) {
        const ex = c.cells.slice(0, 2).map(x => `${x.row}: '${x.label}' vs ${x.json}`).join('; ');
        const bad = r.findings.filter(f => f.where.endsWith(' ' + c.metric) && f.where.startsWith('detail') && f.severity === 'error').length;
        L.push(`   detail '${c.metric}': ${c.cells.length} bars, unit ${JSON.stringify([...new Set(c.cells.map(x => x.shownUnit))])}, ${bad ? bad + ' MISMATCHES' : 'all match'}; e.g. ${ex}  [${c.screenshot}]`);
    }
    const by = s => r.findings.filter(f => f.severity === s);
    for (const s of ['error', 'unreadable', 'json', 'layout', 'note']) {
        const fs2 = by(s);
        if (!fs2.length) continue;
        L.push(`   ${s.toUpperCase()}S (${fs2.length}):`);
        const seen = new Map();
        for (const f of fs2) { const k = f.msg.replace(/'[^']*'/g, "'…'").replace(/\d+(\.\d+)?/g, 'N'); seen.set(k, [...(seen.get(k) || []), f]); }
        for (const [, list] of seen) {
            const f = list[0];
            L.push(`     [${f.where}] ${f.msg}${list.length > 1 ? `  (+${list.length - 1} more like it, e.g. [${list[list.length - 1].where}] ${list[list.length - 1].msg})` : ''}`);
        }
    }
    L.push(`   screenshots: ${(r.screenshots || []).map(s => path.join(r.dir, s)).join(' ')}`);
    return L.join('\n');
}

fs.mkdirSync(opt.out, { recursive: true });
const browser = await chromium.launch({ executablePath: opt.chromium, args: FLAGS, headless: true });
const reports = [];
try {
    for (const f of files) {          // one file, one page at a time: the machine is shared
        const t0 = Date.now();
        let r;
        try { r = await checkFile(browser, f); }
        catch (e) { r = { file: f, dir: '', findings: [{ severity: 'error', where: 'harness', msg: String(e && e.stack || e) }], overview: [], details: [] }; }
        r.seconds = Math.round((Date.now() - t0) / 1000);
        if (r.dir) {
            fs.writeFileSync(path.join(r.dir, 'check.json'), JSON.stringify(r, null, 1));
            fs.writeFileSync(path.join(r.dir, 'report.txt'), textReport(r) + '\n');
        }
        console.log(textReport(r) + `\n   (${r.seconds} s)\n`);
        reports.push(r);
    }
} finally {
    await browser.close();
}
const count = (r, s) => r.findings.filter(f => f.severity === s).length;
const failed = reports.filter(r => count(r, 'error') + count(r, 'unreadable') + count(r, 'json') > 0);
const summary = reports.map(r => `${count(r, 'error') ? 'MISMATCH  ' : count(r, 'unreadable') ? 'UNREADABLE' : count(r, 'json') ? 'JSON-SUSPECT' : 'ok        '} ${r.file}  errors ${count(r, 'error')}, unreadable ${count(r, 'unreadable')}, json ${count(r, 'json')}, layout ${count(r, 'layout')}  ${r.dir}`).join('\n');
fs.writeFileSync(path.join(opt.out, 'summary.txt'), summary + '\n');
console.log(summary);
process.exit(failed.length ? 1 : 0);
