// make e2e-browser: a person's path through Swagger UI, in headless Chromium (Debian's package,
// driven by playwright-core): open Swagger UI, click Authorize, sign in as the demo citizen on the
// dev issuer's page (authorization code with PKCE), then GET /api/v1/me through "Try it out" and
// check the 200 in the page. Saves a screenshot under backend/target/.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const api = process.env.MINKA_API ?? "http://localhost:8080";
const user = process.env.MINKA_SIGN_IN_USER ?? "citizen";
const expectedEmail = process.env.MINKA_EXPECTED_EMAIL ?? `${user}@minka.local`;
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const here = dirname(fileURLToPath(import.meta.url));
const screenshot = resolve(here, "../../../backend/target/e2e-browser-swagger-me.png");

if (!existsSync(executablePath)) {
  console.error(`${executablePath} is missing: apt-get install -y chromium`);
  process.exit(2);
}

const started = Date.now();
function say(what) {
  console.log(`[${String(Date.now() - started).padStart(6)} ms] ${what}`);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
page.setDefaultTimeout(60_000);
try {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(`${api}/swagger-ui.html`);
  await page.locator("button.authorize").first().waitFor();
  say(`opened ${page.url()} (${await page.title()})`);

  await page.locator("button.authorize").first().click();
  // the oauth2 section (the bearer one above it has a value field, not a client id)
  const signIn = page.locator(".auth-container").filter({ has: page.locator("input[id^=client_id]") });
  await signIn.waitFor();
  const clientId = await signIn.locator("input[id^=client_id]").inputValue();
  say(`Authorize dialog: oidc (authorization code with PKCE), client_id ${clientId}`);

  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    signIn.locator("button.authorize").click(),
  ]);
  await popup.waitForLoadState();
  const authorizeUrl = new URL(popup.url());
  const challenge = authorizeUrl.searchParams.get("code_challenge_method");
  say(`issuer sign-in page ${authorizeUrl.origin}${authorizeUrl.pathname} (code_challenge_method=${challenge})`);
  if (challenge !== "S256") {
    throw new Error(`Swagger UI did not send a PKCE challenge: ${authorizeUrl.search}`);
  }
  await popup.locator("input[name=username]").fill(user);
  await Promise.all([popup.waitForEvent("close"), popup.locator("input[type=submit]").click()]);
  say(`signed in as "${user}"; the redirect page handed the code back and closed`);

  // once authorized, the section shows the client id as ****** and offers Logout
  const logout = page.locator(".auth-container button", { hasText: "Logout" });
  const error = page.locator(".auth-container .errors");
  await logout.or(error).first().waitFor();
  if (await error.count()) throw new Error(`sign-in failed: ${await error.first().innerText()}`);
  await page.locator(".auth-btn-wrapper button.btn-done, button.close-modal").first().click();
  say("Swagger UI holds the access token (the dialog offers Logout)");

  const me = page.locator("#operations-me-getMe");
  await me.locator(".opblock-summary").click();
  await me.locator("button.try-out__btn").click();
  await me.locator("button.execute").click();
  const status = me.locator(".live-responses-table tbody .response-col_status").first();
  await status.waitFor();
  const code = (await status.innerText()).trim();
  const body = await me.locator(".live-responses-table tbody .response-col_description pre").first().innerText();
  const curl = await me.locator(".curl-command").first().innerText().catch(() => "");
  say(`GET /api/v1/me -> ${code}`);
  await me.scrollIntoViewIfNeeded();
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: false });
  say(`screenshot ${screenshot}`);
  if (code !== "200") throw new Error(`expected 200, the page shows ${code}: ${body}`);
  if (!body.includes(expectedEmail)) throw new Error(`expected ${expectedEmail} in ${body}`);
  if (!/Authorization: Bearer ey/.test(curl)) throw new Error(`no bearer token in the request: ${curl}`);
  const shown = JSON.parse(body);
  say(`the page shows the demo user: ${shown.email} "${shown.name}" (id ${shown.id}), sent with a bearer token`);
  if (problems.length) say(`browser console errors: ${problems.join(" | ")}`);
  console.log(`e2e-browser: ok status=${code} user=${shown.email} ms=${Date.now() - started}`);
} catch (error) {
  failed = true;
  await page.screenshot({ path: screenshot.replace(".png", "-failed.png"), fullPage: true }).catch(() => {});
  console.error(`e2e-browser: FAILED ${error.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
