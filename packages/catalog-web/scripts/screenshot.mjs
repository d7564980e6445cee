#!/usr/bin/env node
// Regenerates docs/images/web.png, the README's picture of the page: the built page (npm run build),
// a sample workbook validated and its first 实施编码 finding opened in the grid, at 1366×768.
// Needs Debian's chromium and fonts-noto-cjk; then: node packages/catalog-web/scripts/screenshot.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
/* global document, window -- used in page.evaluate callbacks, which run in the browser */
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const sample = join(process.env.ZWGK_SAMPLES ?? join(root, "..", "shared", "samples"), "政务服务事项-广安区.xlsx");
const out = join(root, "docs/images/web.png");
const profile = mkdtempSync(join(tmpdir(), "zwgk-shot-"));
const { server, url } = await serve(fileURLToPath(new URL("../dist/", import.meta.url)));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN"],
  viewport: { width: 1366, height: 768 },
  locale: "zh-CN",
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.setInputFiles("#files", sample);
  await page.waitForFunction(() => document.querySelector("#status")?.textContent?.includes("已检查"));
  await page.locator("#findings").getByRole("button", { name: "政务服务事项!C26", exact: true }).first().click();
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out });
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`wrote ${out}`);
