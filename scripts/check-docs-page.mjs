// Proves that the HTML reference renders offline in a real browser and shows every operation.
//
// Starts Debian's headless Chromium (no npm package: it speaks the DevTools protocol over a pipe)
// with every host name unresolvable, so nothing can come from a network; opens the page from
// disk, and for each operationId of the spec goes to the operation's route (#/<tag>/<operationid>,
// what a click in the sidebar does) and waits until the rendered page shows the operation's
// summary and its "METHOD path". The page's prerendered HTML holds none of this: Redoc's
// JavaScript renders it. Exit status 1 if any operation does not appear.
//
// usage: node scripts/check-docs-page.mjs [page.html]  (via scripts/check-docs-page.sh)
// env:   CHROMIUM (default "chromium"), DOCS_CHECK_LOAD_TIMEOUT_MS for the first render, browser
//        start included (default 60000), DOCS_CHECK_TIMEOUT_MS per operation (default 20000)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const page = resolve(process.argv[2] ?? 'dist/enhanced-connections.html');
const specPath = 'spec/enhanced-connections.yaml';
const bundlePath = 'dist/enhanced-connections.bundle.json';
const timeoutMs = Number(process.env.DOCS_CHECK_TIMEOUT_MS ?? 20000);
const started = Date.now();
const loadTimeoutMs = Number(process.env.DOCS_CHECK_LOAD_TIMEOUT_MS ?? 60000);

// The operationIds come from the spec itself, not from Redocly's output (which is under test);
// method, path, tag and summary of each are looked up in the bundle.
const ids = [...readFileSync(specPath, 'utf8').matchAll(/^ +operationId: *(\S+)/gm)].map((m) => m[1]);
const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
const byId = {};
for (const [path, item] of Object.entries(bundle.paths))
  for (const m of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'])
    if (item[m]) byId[item[m].operationId] = { endpoint: `${m.toUpperCase()} ${path}`, op: item[m] };

const watchdog = setTimeout(() => fail('timed out'), loadTimeoutMs + timeoutMs * (ids.length + 1));
const profile = mkdtempSync(join(tmpdir(), 'docs-check-'));
const chrome = spawn(process.env.CHROMIUM ?? 'chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND', `--user-data-dir=${profile}`,
  '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
// A browser that failed to start or died closes the pipes: report that, not EPIPE.
for (const fd of [3, 4]) chrome.stdio[fd].on('error', () => {});
let chromeLog = '';
chrome.stderr.on('data', (d) => { chromeLog = (chromeLog + d).slice(-4000); });
let finished = false;
// Closes the browser (politely, then by killing its process group), removes its profile and exits
// with `code`. A profile that cannot be removed is only reported.
const finish = async (code) => {
  if (finished) return;
  finished = true;
  clearTimeout(watchdog);
  const exited = new Promise((r) => (chrome.exitCode !== null || chrome.signalCode !== null ? r() : chrome.once('exit', r)));
  if (chrome.pid !== undefined) {
    send('Browser.close').catch(() => {});
    await Promise.race([exited, sleep(5000)]);
    try { process.kill(-chrome.pid, 'SIGKILL'); } catch {}
    await Promise.race([exited, sleep(2000)]);
  }
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (e) {
    console.log(`note: could not remove ${profile}: ${e.message}`);
  }
  process.exit(code);
};
const fail = (msg) => {
  if (finished) return;
  console.log(`FAIL ${msg}`);
  const log = chromeLog.split('\n').filter((l) => l && !/dbus|bus\.cc|the bus|unexpected operator/.test(l));
  if (log.length) console.log(log.slice(-10).join('\n'));
  finish(1);
};
chrome.on('error', (e) => fail(`cannot start ${process.env.CHROMIUM ?? 'chromium'}: ${e.message}`));
chrome.on('exit', (code, signal) => fail(`chromium exited early (${code ?? signal})`));

// DevTools protocol over fds 3 (to the browser) and 4 (from it), messages separated by NUL.
let nextId = 1, buf = '';
const pending = new Map(), listeners = [];
chrome.stdio[4].on('data', (chunk) => {
  buf += chunk.toString('utf8');
  let i;
  while ((i = buf.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    if (msg.id && pending.has(msg.id)) {
      const { ok, ko } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? ko(new Error(`${msg.error.message}`)) : ok(msg.result);
    } else for (const l of listeners) l(msg);
  }
});
const send = (method, params = {}, sessionId) => new Promise((ok, ko) => {
  const id = nextId++;
  pending.set(id, { ok, ko });
  chrome.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }) + '\0');
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const external = new Set(), exceptions = [];
listeners.push((m) => {
  if (m.method === 'Network.requestWillBeSent' && !/^(file|data|blob|about):/.test(m.params.request.url))
    external.add(m.params.request.url);
  if (m.method === 'Runtime.exceptionThrown')
    exceptions.push(m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text);
});

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Network.enable', {}, sessionId);
  await send('Runtime.enable', {}, sessionId);
  const text = async () => (await send('Runtime.evaluate',
    { expression: "document.body ? document.body.innerText.replace(/\\s+/g, ' ') : ''", returnByValue: true },
    sessionId)).result.value ?? '';
  await send('Page.navigate', { url: pathToFileURL(page).href }, sessionId);
  // Hydrated: Redoc replaced the prerendered "Loading..." with its search box.
  for (const t0 = Date.now(); !(await text()).includes('Search'); await sleep(100))
    if (Date.now() - t0 > loadTimeoutMs) throw new Error(`${page} did not render within ${loadTimeoutMs} ms`);
  console.log(`page rendered in ${Date.now() - started} ms (browser start included)`);

  let bad = 0;
  for (const id of ids) {
    const f = byId[id];
    if (!f) { bad++; console.log(`FAIL ${id}: not in ${bundlePath}`); continue; }
    const tag = (f.op.tags?.[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const route = `#/${tag}/${id.toLowerCase()}`;
    await send('Runtime.evaluate', { expression: `location.hash = ${JSON.stringify(route)}` }, sessionId);
    const want = [f.op.summary, f.endpoint];
    let seen = '';
    const t0 = Date.now();
    while (!want.every((w) => seen.includes(w)) && Date.now() - t0 < timeoutMs) {
      await sleep(50);
      seen = await text();
    }
    const missing = want.filter((w) => !seen.includes(w));
    if (missing.length) {
      bad++;
      console.log(`FAIL ${id} at ${route}: the rendered page lacks ${missing.map((s) => JSON.stringify(s)).join(' and ')}`);
    } else console.log(`ok   ${id.padEnd(40)} ${route.padEnd(56)} ${Date.now() - t0} ms`);
  }
  if (exceptions.length) console.log(`note: page exceptions: ${exceptions.join(' | ')}`);
  if (external.size) console.log(`note: blocked, the page rendered without: ${[...external].join(' ')}`);
  console.log(bad ? `${bad} of ${ids.length} operations missing from the rendered page`
    : `all ${ids.length} operations rendered by the offline page (${Date.now() - started} ms)`);
  return bad ? 1 : 0;
}
main().then(finish, (e) => fail(e.message));
