// Walks a running `newsarc serve` in headless Chromium (issue #15 point 6):
//
//   node tools/browser/serve_check.mjs --base http://127.0.0.1:PORT/ --timeline /site/HOST \
//       --screenshot OUT.png [--max-pages 200] [--chromium /usr/bin/chromium]
//
// Visits the base URL, then every same-origin link breadth-first (at most --max-pages pages),
// and records each page whose response is not 2xx, every console error and uncaught page error
// (a Content-Security-Policy violation is one), and every request to anywhere but the server's
// own origin: request interception aborts those, so nothing leaves loopback. Then it opens the
// timeline page, counts its SVG bars and saves a full-page screenshot. Prints one JSON object:
// {"pages", "failures", "console_errors", "offsite_requests", "bars", "screenshot"}; exits 0
// when the walk could run (the caller judges the findings), 1 when it could not.
import puppeteer from 'puppeteer-core';

function parseArgs(argv) {
  const args = {maxPages: 200, chromium: '/usr/bin/chromium'};
  for (let i = 2; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--base') args.base = value;
    else if (name === '--timeline') args.timeline = value;
    else if (name === '--screenshot') args.screenshot = value;
    else if (name === '--max-pages') args.maxPages = Number(value);
    else if (name === '--chromium') args.chromium = value;
    else throw new Error(`unknown argument ${name}`);
  }
  if (!args.base || !args.timeline || !args.screenshot) {
    throw new Error('--base, --timeline and --screenshot are required');
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv);
  const origin = new URL(args.base).origin;
  const report = {pages: 0, failures: [], console_errors: [], offsite_requests: [], bars: -1,
                  screenshot: args.screenshot};
  const browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    // Root in a container needs --no-sandbox; the rest keeps Chromium itself off the network.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-default-apps',
           '--disable-domain-reliability', '--dns-prefetch-disable'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1200, height: 900});
    await page.setRequestInterception(true);
    let current = '';
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank' || new URL(url).origin === origin) {
        request.continue();
      } else {
        report.offsite_requests.push({url, from: current});
        request.abort('blockedbyclient');
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error') {
        report.console_errors.push({page: current, text: message.text()});
      }
    });
    page.on('pageerror', (error) => {
      report.console_errors.push({page: current, text: String(error)});
    });

    const queue = [new URL(args.base).href];
    const seen = new Set(queue);
    while (queue.length > 0 && report.pages < args.maxPages) {
      current = queue.shift();
      const response = await page.goto(current, {waitUntil: 'load', timeout: 60000});
      report.pages += 1;
      const status = response ? response.status() : 0;
      if (status < 200 || status > 299) report.failures.push({url: current, status});
      const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => a.href));
      for (const link of links) {
        const url = new URL(link);
        if (url.origin !== origin) continue;
        url.hash = '';
        if (!seen.has(url.href)) {
          seen.add(url.href);
          queue.push(url.href);
        }
      }
    }
    report.unvisited = queue.length;

    current = new URL(args.timeline, origin).href;
    const response = await page.goto(current, {waitUntil: 'load', timeout: 60000});
    if (!response || response.status() !== 200) {
      report.failures.push({url: current, status: response ? response.status() : 0});
    }
    await page.waitForSelector('svg.timeline');
    report.bars = await page.$$eval('svg.timeline rect.bar', (bars) => bars.length);
    await page.screenshot({path: args.screenshot, fullPage: true});
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.error(`serve_check: ${error.stack || error}`);
  process.exit(1);
});
