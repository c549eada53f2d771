#!/usr/bin/env node
// walk.mjs — the browser test: jixiao serve driven through Debian's chromium, headless, by
// playwright-core (never a browser of its own). One walk through the web system as people use it:
//
//   a unit logs in, enters a new target table, sees the funds-sum finding appear as it types, fixes
//   the funds and sees it go, picks an indicator from the library (从指标库选择), saves and submits;
//   it uploads an XLSX (导入申报表), sees the preview and confirms;
//   the year is reviewed at two levels (its rules say so), so the unit's 主管部门 finds the table in its
//   review queue first — finance's holds nothing yet — and passes it on (at 1280 and 390 px); finance
//   finds it in its queue then, approves it, the history naming who reviewed at each level, and
//   publishes the year; an anonymous visitor finds the table on the public index and opens it.
//
// Along the way: a unit account is refused the review queue, no page logs a console error, throws, or
// violates the Content-Security-Policy, the server stops cleanly on SIGTERM and its stderr carries no
// sanitizer report (the jixiao under test is the sanitized build).
//
// Speaks TAP on stdout, one line per step; after a failed step the rest of the walk is not tried (it
// depends on what came before) and only named in a comment, the checks at the end run anyway. Screenshots and the server's log go
// to $BROWSER_ARTIFACTS (default: browser-artifacts/ beside $JIXIAO) and are kept.
//
// Environment: JIXIAO (the binary, required), JIXIAO_SRC (the source tree), BROWSER_ARTIFACTS,
// BROWSER_NODE_DIR (where playwright-core is installed from package-lock.json; default browser-node/
// beside $JIXIAO), CHROMIUM (default /usr/bin/chromium).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const JIXIAO = process.env.JIXIAO;
if (!JIXIAO) {
  console.log("Bail out! set JIXIAO to the jixiao binary");
  process.exit(1);
}
const SRC = process.env.JIXIAO_SRC || path.resolve(here, "../..");
const BUILD = path.dirname(path.resolve(JIXIAO));
const ARTIFACTS = process.env.BROWSER_ARTIFACTS || path.join(BUILD, "browser-artifacts");
const NODE_DIR = process.env.BROWSER_NODE_DIR || path.join(BUILD, "browser-node");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SAMPLE = path.join(SRC, "data/samples/bohu-2021.txt");

const UNIT = "博湖县卫生健康委员会";
const UNIT_USER = "weijianwei";
const UNIT_PASSWORD = "unit-walk-password-1";
const FINANCE_USER = "caizhengju";
const FINANCE_PASSWORD = "finance-walk-password-1";
const DEPT = "博湖县人民政府办公室"; // the unit's 主管部门 in the registry
const DEPT_USER = "zhuguanbumen";
const DEPT_PASSWORD = "dept-walk-password-1";
const PROJECT = "博湖县2021年全民健康体检项目（浏览器测试）";
const GOAL = "为全县常住居民提供免费健康体检，建立健康档案，提高群众健康水平。";
// level, name, unit, target; the fourth row is added with #add-row. The cost row carries the whole
// 120 万元, so that the only error is the one the walk puts in and takes out again: funds-sum.
const ROWS = [
  ["产出指标|数量指标", "体检人数", "人", "≥5000"],
  ["产出指标|质量指标", "体检覆盖率", "%", "≥95"],
  ["成本指标|经济成本指标", "体检经费", "万元", "≤120"],
  ["满意度指标|服务对象满意度指标", "受检群众满意度", "%", "≥90"],
];
const TIMEOUT = 20000; // ms for any one wait in the page

const env = { ...process.env };
env.ASAN_OPTIONS ??= "detect_leaks=1";
env.LSAN_OPTIONS ??= `suppressions=${SRC}/tests/lsan.supp:print_suppressions=0`;
env.UBSAN_OPTIONS ??= "halt_on_error=1:print_stacktrace=1";
delete env.JIXIAO_DB;

// ---- TAP ----

let count = 0;
let failures = 0;
let blocked = null; // the step that failed: the walk's later steps are not tried
const diag = (text) => {
  for (const line of String(text).replace(/\x1b\[[0-9;]*m/g, "").split("\n")) console.log(`# ${line}`);
};

async function step(name, fn) {
  if (blocked) {
    diag(`not reached: ${name}`); // not counted, neither passed nor skipped
    return;
  }
  await check(name, fn);
  if (failures) blocked = name;
}

// A check that runs whatever happened before.
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok ${++count} - ${name}`);
  } catch (e) {
    failures++;
    console.log(`not ok ${++count} - ${name}`);
    diag(e && e.stack ? e.stack : e);
    await shot(`failed-${count}`).catch(() => {});
  }
}

// ---- the store, the server ----

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-browser-"));
const db = path.join(tmp, "walk.db");
let server = null;
let serverErr = "";
let serverExit = null; // resolves to { code, signal }
let base = null;

function jixiao(args, input) {
  return execFileSync(JIXIAO, ["--db", db, ...args], { env, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

// Whatever ends this process (meson's timeout sends SIGTERM) leaves neither the server nor the store.
process.on("exit", () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  fs.rmSync(tmp, { recursive: true, force: true });
});
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(1));

function startServer() {
  server = spawn(JIXIAO, ["--db", db, "serve", "--listen", "127.0.0.1:0", "--threads", "2"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr.setEncoding("utf8");
  server.stderr.on("data", (s) => (serverErr += s));
  serverExit = new Promise((resolve) => server.on("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no address within 30 s; stdout: ${out}`)), 30000);
    server.stdout.setEncoding("utf8");
    server.stdout.on("data", (s) => {
      out += s;
      const m = out.match(/已启动：(http:\/\/127\.0\.0\.1:[0-9]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    serverExit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`jixiao serve ended (status ${code}, signal ${signal}) before listening:\n${serverErr}`));
    });
  });
}

// ---- playwright-core, installed from the lock file into the build directory ----

function playwright() {
  const lock = path.join(here, "package-lock.json");
  const stamp = path.join(NODE_DIR, "package-lock.json");
  const installed = path.join(NODE_DIR, "node_modules/playwright-core/package.json");
  if (!fs.existsSync(installed) || !fs.existsSync(stamp) || !fs.readFileSync(stamp).equals(fs.readFileSync(lock))) {
    fs.mkdirSync(NODE_DIR, { recursive: true });
    fs.copyFileSync(path.join(here, "package.json"), path.join(NODE_DIR, "package.json"));
    fs.copyFileSync(lock, stamp);
    // npm's own output goes to stderr: stdout is TAP
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], {
      cwd: NODE_DIR,
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
      stdio: ["ignore", 2, 2],
    });
  }
  return createRequire(path.join(NODE_DIR, "package.json"))("playwright-core");
}

// ---- the browser ----

let browser = null;
let page = null;
const pageErrors = []; // console errors, uncaught exceptions, CSP violations, answers 4xx and 5xx

function watch(p, sink) {
  p.on("console", (m) => {
    if (m.type() === "error") sink.push(`console error on ${p.url()}: ${m.text()}`);
  });
  p.on("pageerror", (e) => sink.push(`uncaught exception on ${p.url()}: ${e.message}`));
  p.on("response", (r) => {
    if (r.status() >= 400) sink.push(`${r.status()} for ${r.request().method()} ${r.url()}`);
  });
}

async function shot(name) {
  if (page) await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// The page at a phone's width too (390 px), then back at 1280.
async function shots(name) {
  await shot(name);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(`${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function login(user, password, landing) {
  await page.goto(`${base}/login`);
  await page.fill("#login-user", user);
  await page.fill("#login-password", password);
  await page.click("#login-submit");
  await page.waitForURL(`${base}${landing}`);
  assert.match(await page.textContent("#who"), new RegExp(`^${user}（`));
}

async function logout() {
  await page.click("#logout");
  await page.waitForURL(`${base}/`);
  await page.locator("#login-link").waitFor();
}

async function text(selector) {
  return (await page.locator(selector).textContent()).trim();
}

// ---- the walk ----

let projectId = null;
let liveFindings = null; // the findings list as app.js left it, before saving

fs.mkdirSync(ARTIFACTS, { recursive: true });
for (const f of fs.readdirSync(ARTIFACTS)) if (/\.(png|log)$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));

await step("a store with the sample, the unit under its 主管部门, their accounts and finance's; 2021 of two levels", async () => {
  const rules = path.join(tmp, "rules.json");
  fs.writeFileSync(rules, JSON.stringify({ years: { 2021: { workflow: { levels: 2 } } } }));
  env.JIXIAO_RULES = rules; // the server's and every command's
  jixiao(["unit", "add", DEPT]);
  jixiao(["unit", "add", UNIT, "--parent", DEPT]);
  jixiao(["import", SAMPLE]);
  jixiao(["user", "add", UNIT_USER, "--role", "unit", "--unit", UNIT], `${UNIT_PASSWORD}\n`);
  jixiao(["user", "add", DEPT_USER, "--role", "department", "--unit", DEPT], `${DEPT_PASSWORD}\n`);
  jixiao(["user", "add", FINANCE_USER, "--role", "finance"], `${FINANCE_PASSWORD}\n`);
  assert.doesNotMatch(jixiao(["list"]), /浏览器测试/);
});

await step("jixiao serve listens on a free port", async () => {
  base = await startServer();
});

await step("Debian's chromium starts headless under playwright-core", async () => {
  const { chromium } = playwright();
  const args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"];
  if (process.getuid && process.getuid() === 0) args.push("--no-sandbox"); // as root, chromium's sandbox refuses
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  // Chromium reports a CSP violation as a console error too; this says it in so many words.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
  });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();
  watch(page, pageErrors);
});

await step("the unit logs in through the login form", async () => {
  await login(UNIT_USER, UNIT_PASSWORD, "/projects");
  assert.match(await text("#who"), new RegExp(UNIT));
  assert.equal(await page.locator('nav a[href="/review"]').count(), 0, "a unit has no review queue in the navigation");
});

await step("a unit account is refused the review queue", async () => {
  // in a page of its own: the browser logs the 403 as a console error, which here is the point
  const probe = await page.context().newPage();
  try {
    const res = await probe.goto(`${base}/review`);
    assert.equal(res.status(), 403);
    assert.equal((await probe.locator("h1").textContent()).trim(), "无权进行此操作");
    await probe.locator("#error").waitFor();
    assert.equal(await probe.locator("#projects").count(), 0, "no queue on the error page");
  } finally {
    await probe.close();
  }
});

await step("the navigation leads to a new target table", async () => {
  await page.click('nav a[href="/projects/new"]');
  await page.waitForURL(`${base}/projects/new`);
  assert.equal(await page.inputValue("#f-unit"), UNIT);
  assert.equal(await page.locator("#f-unit").getAttribute("readonly"), "");
  assert.equal(await page.locator("#findings li").count(), 0, "no findings before anything is typed");
});

await step("funds that do not add up show funds-sum as one types", async () => {
  await page.fill("#f-year", "2021");
  await page.fill("#f-name", PROJECT);
  await page.fill("#f-total", "120");
  await page.fill("#f-fiscal", "100");
  await page.fill("#f-other", "10"); // 100 + 10 ≠ 120
  await page.fill("#f-goal", GOAL);
  const rows = page.locator("#indicators tbody tr.ind");
  while ((await rows.count()) < ROWS.length) await page.click("#add-row");
  assert.equal(await rows.count(), ROWS.length, "#add-row added a row");
  for (const [i, [level, name, unit, target]] of ROWS.entries()) {
    const row = rows.nth(i);
    await row.locator("select[name=level]").selectOption(level);
    await row.locator("[name=ind_name]").fill(name);
    await row.locator("[name=ind_unit]").fill(unit);
    await row.locator("[name=ind_target]").fill(target);
  }
  const finding = page.locator('#findings li[data-rule="funds-sum"]');
  await finding.waitFor();
  assert.match(await finding.getAttribute("class"), /\bsev-error\b/);
  assert.equal(await finding.locator(".sev").textContent(), "错误", "the severity in words, as the page writes it");
  assert.match(await finding.textContent(), /120/);
  // the check saw the whole form: the indicators are there, so neither of these fires
  assert.equal(await page.locator('#findings li[data-rule="indicators-missing"]').count(), 0);
  assert.equal(await page.locator('#findings li[data-rule="goal-missing"]').count(), 0);
  await shot("01-funds-sum-live");
});

await step("fixing the funds takes funds-sum away as one types", async () => {
  const before = await page.getAttribute("#findings", "data-checked");
  await page.fill("#f-other", "20");
  await page.waitForFunction((b) => document.getElementById("findings").dataset.checked !== b, before);
  await page.locator('#findings li[data-rule="funds-sum"]').waitFor({ state: "detached" });
  const errors = await page.locator("#findings li.sev-error").allTextContents();
  assert.deepEqual(errors, [], "no error finding left to block approval");
  liveFindings = await page.locator("#findings li").allInnerTexts();
  await shot("02-funds-fixed");
});

await step("the unit picks an indicator from the library (从指标库选择): a row filled for it", async () => {
  assert.ok(await page.locator("#library-picker").isVisible(), "the script shows the picker");
  await page.fill("#lib-q", "验收 合格率");
  const use = page.locator("#lib-results li", { hasText: "验收合格率（%）" }).locator("button.lib-pick");
  await use.first().waitFor(); // (a full-page screenshot here would leave the click at stale coordinates)
  await use.first().click();
  const row = page.locator("#indicators tbody tr.ind").nth(ROWS.length); // the first blank row, or a new one
  assert.equal(await row.locator("[name=ind_name]").inputValue(), "验收合格率");
  assert.equal(await row.locator("select[name=level]").inputValue(), "产出指标|质量指标");
  assert.equal(await row.locator("[name=ind_unit]").inputValue(), "%");
  assert.equal(await row.locator("[name=ind_target]").inputValue(), "=", "the 指标性质 starts the target");
  assert.match(await row.locator("[name=ind_explanation]").inputValue(), /验收合格/);
  assert.equal(await row.locator("[name=ind_basis]").inputValue(), "行业标准");
  await row.locator("[name=ind_target]").fill("=100");
  // the check of the whole form with it: the library knows it, not the table's own indicators
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll("#findings li")].map((li) => li.textContent);
    return items.some((t) => t.includes("indicator-not-in-library") && t.includes("体检人数")) &&
      !items.some((t) => t.includes("验收合格率"));
  });
  await page.waitForTimeout(800); // no check left in flight
  liveFindings = await page.locator("#findings li").allInnerTexts();
  await shot("02a-library-picked");
});

await step("saving leads to the new table with a flash", async () => {
  await page.click("#save");
  await page.waitForURL(new RegExp(`^${base}/projects/[0-9]+\\?done=saved$`));
  projectId = Number(new URL(page.url()).pathname.split("/")[2]);
  assert.ok(projectId > 5, `a new id after the sample's five, got ${projectId}`);
  assert.equal(await text(".flash"), "已保存。");
  assert.equal(await text("#v-name"), PROJECT);
  assert.equal(await text(".status"), "草稿");
  for (const [, name] of ROWS) await page.locator("table.indicators td", { hasText: name }).first().waitFor();
  // the page's own findings of the table saved are the ones app.js showed for the form, word for word
  assert.deepEqual(await page.locator("#findings li").allInnerTexts(), liveFindings);
});

await step("submitting marks the table 已提交", async () => {
  await page.click("#submit");
  await page.waitForURL(`${base}/projects/${projectId}?done=submit`);
  assert.equal(await text(".status.submitted"), "已提交");
  assert.equal(await text(".flash"), "已提交审核。");
  assert.equal(await page.locator("#submit").count(), 0, "no second submission offered");
  await shot("03-submitted");
});

// An XLSX of one table the store lacks: the official workbook's first sheet alone, its project renamed
// (the name is a shared string in rich-text runs; its last run ends with 年疫情防控项目).
const UPLOADED = "博湖县2021年疫情防控项目（浏览器上传）";
const WORKBOOK_SCRIPT = `
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for info in zi.infolist():
        data = zi.read(info)
        if info.filename == "xl/workbook.xml":
            data = re.sub(r'<sheet name="(?!疫情防控")[^"]*"[^>]*/>', "", data.decode()).encode()
        if info.filename == "xl/sharedStrings.xml":
            assert "年疫情防控项目</t>".encode() in data
            data = data.replace("年疫情防控项目</t>".encode(), "年疫情防控项目（浏览器上传）</t>".encode())
        zo.writestr(info.filename, data)
`;

async function shotBoth(name) {
  await shot(`${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(`${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

await step("the unit uploads an XLSX (导入申报表) and sees the preview: 新建, its findings", async () => {
  const workbook = path.join(tmp, "申报表.xlsx");
  execFileSync("python3", ["-c", WORKBOOK_SCRIPT, path.join(SRC, "tests/data/xlsx/seed-official.xlsx"), workbook]);
  await page.click('nav a[href="/upload"]');
  await page.waitForURL(`${base}/upload`);
  await page.setInputFiles("#file", workbook);
  await page.click("#preview");
  await page.locator("#summary").waitFor();
  assert.match(await text("#summary"), /文件中有 1 张表.*新建 1，替换 0，未变 0/);
  assert.equal(await text("#file-name"), "申报表.xlsx");
  assert.match(await text("#digest"), /^[0-9a-f]{64}$/);
  const row = page.locator('#tables tr[data-how="new"]');
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator("td.name").textContent()).trim(), UPLOADED);
  assert.match(await row.locator("td.review").innerText(), /错误 \d+ 条，警告 \d+ 条/);
  assert.doesNotMatch(jixiao(["list"]), /浏览器上传/, "a preview stores nothing");
  await shotBoth("04-upload-preview");
});

await step("confirming imports it: the result page links the table, a draft", async () => {
  await page.click("#confirm");
  await page.waitForURL(`${base}/upload/confirm`);
  assert.equal(await text("#summary"), "已导入 1 个项目，15 条指标（新增 1，替换 0，未变 0）。");
  await shotBoth("05-upload-done");
  await page.click(`#tables a:has-text("${UPLOADED}")`);
  await page.waitForURL(new RegExp(`^${base}/projects/[0-9]+$`));
  assert.equal(await text("#v-name"), UPLOADED);
  assert.equal(await text(".status"), "草稿");
  assert.match(jixiao(["list"]), /浏览器上传/);
});

await step("the unit logs out", logout);

await step("finance's queue holds nothing the 主管部门 has not passed", async () => {
  await login(FINANCE_USER, FINANCE_PASSWORD, "/review");
  assert.equal(await page.locator("#projects a.project", { hasText: PROJECT }).count(), 0);
  await page.goto(`${base}/projects/${projectId}`);
  await page.locator("#awaiting-dept").waitFor();
  assert.equal(await page.locator("#approve").count(), 0, "no approval before the 主管部门's");
  await logout();
});

await step("the 主管部门 logs in and finds the table in its review queue", async () => {
  await login(DEPT_USER, DEPT_PASSWORD, "/review");
  assert.match(await text("#who"), new RegExp(`主管部门·${DEPT}`));
  assert.match(await page.locator("main").innerText(), /等待主管部门审核/);
  const link = page.locator("#projects a.project", { hasText: PROJECT });
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), `/projects/${projectId}`);
  assert.equal(await page.locator('nav a[href="/publish"]').count(), 0, "no publishing for the 主管部门");
  await shots("04-dept-queue");
});

await step("the 主管部门 opens the table and passes it on to finance", async () => {
  await page.click(`#projects a.project[href="/projects/${projectId}"]`);
  await page.waitForURL(`${base}/projects/${projectId}`);
  assert.equal(await text("#v-name"), PROJECT);
  assert.equal(await page.locator("#approve").count(), 0, "approval is finance's");
  assert.equal(await page.locator("#edit").count(), 0, "writing is the unit's");
  await page.locator("#return-reason").waitFor();
  await shots("04a-dept-table");
  await page.click("#pass");
  await page.waitForURL(`${base}/projects/${projectId}?done=pass`);
  assert.equal(await text(".status.dept_approved"), "主管部门已审核");
  assert.equal(await text(".flash"), "已通过主管部门审核，报财政审核。");
  assert.equal(await page.locator("#pass").count(), 0, "passed once");
  await shots("04b-dept-passed");
});

await step("the 主管部门 logs out", logout);

await step("finance logs in and finds the table in the review queue", async () => {
  await login(FINANCE_USER, FINANCE_PASSWORD, "/review");
  const link = page.locator("#projects a.project", { hasText: PROJECT });
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), `/projects/${projectId}`);
  assert.match(await page.locator("#projects").innerText(), /主管部门已审核/);
  await shot("04-review-queue");
});

await step("finance opens the table and approves it; the history names who reviewed at each level", async () => {
  await page.click(`#projects a.project[href="/projects/${projectId}"]`);
  await page.waitForURL(`${base}/projects/${projectId}`);
  assert.equal(await text("#v-name"), PROJECT);
  await page.click("#approve");
  await page.waitForURL(`${base}/projects/${projectId}?done=approve`);
  assert.equal(await text(".status.approved"), "已批准");
  assert.equal(await text(".flash"), "已批准。");
  const rows = (await page.locator("#history tbody tr").allInnerTexts()).map((r) => r.split("\t").slice(1, 3).join(" "));
  assert.deepEqual(rows.slice(-3), [`${UNIT_USER} 提交审核`, `${DEPT_USER} 主管部门审核通过`, `${FINANCE_USER} 批准`]);
  await shots("05-approved");
});

await step("finance publishes 2021", async () => {
  await page.click('nav a[href="/publish"]');
  await page.waitForURL(`${base}/publish`);
  await page.fill("#publish-year", "2021");
  await page.click("#publish");
  await page.locator("#flash").waitFor();
  assert.match(await text("#flash"), /^已公开 2021 年度第 1 版：1 张目标表。$/);
  await shot("06-published");
});

await step("finance logs out", logout);

await step("the public index links the published table", async () => {
  await page.goto(`${base}/`);
  const link = page.locator("a.public-table", { hasText: PROJECT });
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), `/public/projects/${projectId}`);
  await shot("07-public-index");
});

await step("the public table shows the project and its indicators", async () => {
  await page.click(`a.public-table[href="/public/projects/${projectId}"]`);
  await page.waitForURL(`${base}/public/projects/${projectId}`);
  const body = await page.locator("body").innerText();
  assert.ok(body.includes(PROJECT), "the project's name");
  assert.ok(body.includes(UNIT), "the unit");
  for (const [, name] of ROWS) assert.ok(body.includes(name), `the indicator ${name}`);
  await shot("08-public-table");
});

await step("the year's disclosure is jixiao publish's file, byte for byte", async () => {
  await page.goto(`${base}/`);
  await page.click('a.disclosure[href="/public/2021"]');
  await page.waitForURL(`${base}/public/2021`);
  assert.ok((await page.locator("body").innerText()).includes(PROJECT));
  const served = await (await page.request.get(`${base}/public/2021`)).text();
  const file = path.join(tmp, "2021.html");
  jixiao(["publish", "--version", "1", "--format", "html", "-o", file]);
  assert.ok(served === fs.readFileSync(file, "utf8"), "the page served equals jixiao publish --version 1");
  await shot("09-public-year");
});

// ---- what holds for the whole walk ----

await check("no console error, uncaught exception or CSP violation on any page", async () => {
  assert.ok(page, "no page was opened");
  assert.deepEqual(pageErrors, []);
});

if (browser) await browser.close().catch(() => {});

await check("jixiao serve stops on SIGTERM with status 0", async () => {
  assert.ok(server, "the server was not started");
  server.kill("SIGTERM");
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30000));
  const exit = await Promise.race([serverExit, timeout]);
  if (!exit) {
    server.kill("SIGKILL");
    assert.fail("still running 30 s after SIGTERM");
  }
  assert.deepEqual(exit, { code: 0, signal: null });
});

await check("the server's stderr holds its log lines only: no sanitizer report, no warning", async () => {
  fs.writeFileSync(path.join(ARTIFACTS, "server.log"), serverErr);
  assert.doesNotMatch(serverErr, /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/);
  const logLine = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1 [A-Z]+ \S+ \d{3} \d+ [0-9.]+ms \S+$/;
  const stopping = ["jixiao serve: 收到 SIGTERM，正在停止…", "jixiao serve: 已停止"];
  const other = serverErr.split("\n").filter((l) => l && !logLine.test(l) && !stopping.includes(l));
  assert.deepEqual(other, []);
  assert.ok(serverErr.endsWith(`${stopping.join("\n")}\n`), "it said it stopped");
});

if (failures) {
  diag(`screenshots and the server's log: ${ARTIFACTS}`);
  diag(`the server's stderr, last lines:\n${serverErr.split("\n").slice(-30).join("\n")}`);
}
console.log(`1..${count}`);
process.exit(failures ? 1 : 0);
