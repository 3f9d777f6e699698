// Opens a URL in headless Chromium at an iPhone viewport and saves a screenshot.
// usage: node screenshot.cjs URL OUT.png WIDTH HEIGHT SCALE
'use strict';
const { chromium } = require('playwright-core');

async function main() {
  const [url, out, width, height, scale] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: Number(width), height: Number(height) },
      deviceScaleFactor: Number(scale),
      isMobile: true,
      hasTouch: true,
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    });
    const page = await context.newPage();
    const response = await page.goto(url);
    const heading = await page.textContent('h1');
    // The layout must fit the phone: nothing wider than the viewport.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: out });
    process.stdout.write(JSON.stringify({ status: response.status(), heading, scrollWidth }));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
