// Replays a WACZ file in a real browser: serves ReplayWeb.page (npm replaywebpage: ui.js, sw.js)
// and the WACZ on loopback HTTP, opens a page embedding <replay-web-page source=… url=…> in
// Debian's chromium (headless, driven by puppeteer-core), and waits until a frame of the
// replayed page shows the expected text. Nothing may leave loopback: chromium resolves no host
// name but 127.0.0.1 and sends everything else to a dead proxy, and every request the page, its
// frames and the service worker make is logged and checked.
//
//   node replay_wacz.mjs --wacz FILE.wacz --url URL --expect TEXT
//                        [--screenshot FILE.png] [--timeout-ms 90000] [--chromium PATH]
//
// Prints one JSON summary on stdout: {found, frame, requests, offsite, screenshot, error}.
// Exit codes: 0 the text was shown; 1 it was not within the timeout (or the replay failed);
// 2 bad arguments or chromium could not start; 3 a request left loopback.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const RWP = join(HERE, "node_modules", "replaywebpage");

function usage(message) {
  console.error(`replay_wacz: ${message}`);
  console.error(
    "usage: node replay_wacz.mjs --wacz FILE.wacz --url URL --expect TEXT " +
      "[--screenshot FILE.png] [--timeout-ms N] [--chromium PATH]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const args = { timeoutMs: 90000, chromium: "/usr/bin/chromium" };
  const names = {
    "--wacz": "wacz", "--url": "url", "--expect": "expect", "--screenshot": "screenshot",
    "--timeout-ms": "timeoutMs", "--chromium": "chromium",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key) usage(`unknown argument '${argv[i]}'`);
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    args[key] = argv[i + 1];
  }
  for (const required of ["wacz", "url", "expect"]) {
    if (!args[required]) usage(`--${required} is required`);
  }
  args.timeoutMs = Number(args.timeoutMs);
  if (!Number.isFinite(args.timeoutMs) || args.timeoutMs <= 0) usage("--timeout-ms: not a number");
  if (!existsSync(args.wacz)) usage(`${args.wacz}: no such file`);
  if (!existsSync(args.chromium)) usage(`${args.chromium}: no chromium there`);
  if (!existsSync(join(RWP, "sw.js")) || !existsSync(join(RWP, "ui.js"))) {
    usage(`${RWP}: ReplayWeb.page missing: run scripts/setup.sh`);
  }
  return args;
}

const escapeHtml = (s) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "application/javascript", ".json": "application/json",
  ".wacz": "application/wacz+zip", ".gz": "application/gzip", ".png": "image/png",
  ".svg": "image/svg+xml", ".ico": "image/x-icon", ".wasm": "application/wasm",
};

// Serves the embedding page at /, the WACZ at /archive.wacz (with Range requests, which
// ReplayWeb.page reads a WACZ with), and ReplayWeb.page's files at / and /replay/ (the
// embed's replay base, where its service worker lives).
function startServer(args) {
  const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>newsarc WACZ replay</title>
<script src="/ui.js"></script>
<style>html, body { margin: 0; height: 100%; } replay-web-page { display: block; height: 100vh; }</style>
</head><body>
<replay-web-page source="/archive.wacz" url="${escapeHtml(args.url)}" replayBase="/replay/"
  embed="replayonly"></replay-web-page>
</body></html>`;
  const served = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    served.push(req.method + " " + req.url);
    if (path === "/" || path === "/index.html" || path === "/blank.html") {
      res.writeHead(200, { "Content-Type": TYPES[".html"], "Cache-Control": "no-store" });
      res.end(path === "/blank.html" ? "<!doctype html><title>blank</title>" : page);
      return;
    }
    let file;
    if (path === "/archive.wacz") {
      file = args.wacz;
    } else {
      const rel = normalize(path.replace(/^\/replay\//, "/")).replace(/^\/+/, "");
      if (rel.startsWith("..")) {
        res.writeHead(403).end();
        return;
      }
      file = join(RWP, rel);
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const size = statSync(file).size;
    const headers = {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      "Accept-Ranges": "bytes",
      "Cache-Control": "no-store",
    };
    if (path === "/replay/sw.js" || path === "/sw.js") headers["Service-Worker-Allowed"] = "/";
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
    let start = 0, end = size - 1, status = 200;
    if (range) {
      if (range[1] === "") {
        start = Math.max(0, size - Number(range[2]));
      } else {
        start = Number(range[1]);
        if (range[2] !== "") end = Math.min(end, Number(range[2]));
      }
      if (start >= size || start > end) {
        res.writeHead(416, { "Content-Range": `bytes */${size}` }).end();
        return;
      }
      status = 206;
      headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
    }
    headers["Content-Length"] = String(end - start + 1);
    res.writeHead(status, headers);
    if (req.method === "HEAD" || size === 0) {
      res.end();
      return;
    }
    createReadStream(file, { start, end }).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, served, port: server.address().port }));
  });
}

// Whether a URL the browser asked for stays on the loopback server (or never touches the
// network: data:, blob:, about:, chrome internals).
function staysLocal(url, port) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!["http:", "https:", "ws:", "wss:", "ftp:"].includes(parsed.protocol)) return true;
  return parsed.hostname === "127.0.0.1" && Number(parsed.port) === port;
}

async function frameText(frame) {
  try {
    return await frame.evaluate(() => (document.body ? document.body.innerText : ""));
  } catch {
    return "";  // detached or navigating
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { server, served, port } = await startServer(args);
  const requests = [];
  const summary = { found: false, frame: null, requests: 0, offsite: [], screenshot: null,
                    error: null };
  let browser;
  let exitCode = 1;
  try {
    try {
      browser = await puppeteer.launch({
        executablePath: args.chromium,
        headless: true,
        args: [
          "--no-sandbox",  // runs as root in CI containers
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          // Nothing but loopback: no other host name resolves, and any other address goes to a
          // proxy that is not there (port 9, discard).
          "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
          "--proxy-server=http://127.0.0.1:9",
          "--proxy-bypass-list=127.0.0.1",
          "--lang=zh-CN",
          "--window-size=1280,900",
        ],
        defaultViewport: { width: 1280, height: 900 },
      });
    } catch (e) {
      console.error(`replay_wacz: cannot start ${args.chromium}: ${e.message}`);
      process.exitCode = 2;
      return;
    }
    // The service worker's own requests (the WACZ's byte ranges) are seen on its target.
    browser.on("targetcreated", async (target) => {
      if (target.type() !== "service_worker") return;
      try {
        const session = await target.createCDPSession();
        session.on("Network.requestWillBeSent", (e) => requests.push(e.request.url));
        await session.send("Network.enable");
      } catch {
        // a worker that went away before it could be watched made no request
      }
    });
    const page = await browser.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (e) => console.error(`replay_wacz: page error: ${e.message}`));
    // The embed registers its service worker and loads its replay frame as soon as the
    // registration is made, not once the worker is active: on a busy machine the frame then
    // reaches the server instead of the worker (a 404). Registering the same worker (same
    // script URL and scope) and waiting until it is active first removes the race.
    await page.goto(`http://127.0.0.1:${port}/blank.html`, { timeout: args.timeoutMs });
    await page.evaluate(async (timeoutMs) => {
      const reg = await navigator.serviceWorker.register("/replay/sw.js?serveIndex=1",
                                                         { scope: "/replay/" });
      const worker = reg.installing || reg.waiting || reg.active;
      if (worker.state === "activated") return;
      await new Promise((resolve, reject) => {
        worker.addEventListener("statechange", () => {
          if (worker.state === "activated") resolve();
          if (worker.state === "redundant") reject(new Error("service worker failed to install"));
        });
        setTimeout(() => reject(new Error("service worker not active in time")), timeoutMs);
      });
    }, args.timeoutMs);
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "domcontentloaded",
                                                   timeout: args.timeoutMs });

    const deadline = Date.now() + args.timeoutMs;
    while (Date.now() < deadline && !summary.found) {
      for (const frame of page.frames()) {
        if ((await frameText(frame)).includes(args.expect)) {
          summary.found = true;
          summary.frame = frame.url();
          break;
        }
      }
      if (!summary.found) await new Promise((r) => setTimeout(r, 500));
    }
    if (summary.found) {
      // Let the fonts settle, then capture the page as shown.
      await page.evaluate(() => document.fonts.ready).catch(() => {});
      if (args.screenshot) {
        await page.screenshot({ path: args.screenshot, fullPage: false });
        summary.screenshot = args.screenshot;
      }
      exitCode = 0;
    } else {
      summary.error = `'${args.expect}' not shown within ${args.timeoutMs} ms; frames: ` +
        (await Promise.all(page.frames().map(async (f) =>
          `${f.url()} [${(await frameText(f)).slice(0, 200).replace(/\s+/g, " ")}]`))).join(" | ");
    }
  } catch (e) {
    summary.error = e.message;
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
  summary.requests = requests.length;
  summary.served = served.length;
  summary.offsite = [...new Set(requests.filter((url) => !staysLocal(url, port)))];
  if (summary.offsite.length > 0) exitCode = 3;
  console.log(JSON.stringify(summary));
  process.exitCode = exitCode;
}

main().catch((e) => {
  console.error(`replay_wacz: ${e.stack || e.message}`);
  process.exit(1);
});
