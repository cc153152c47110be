// End-to-end run of the agent console in Debian's Chromium against a running service (zero-setup mode).
// Environment: BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, APP_SECRET (the webhook's HMAC key), SCREENSHOTS (folder).
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const email = process.env.ADMIN_EMAIL ?? 'admin@datacare.local';
const password = process.env.ADMIN_PASSWORD;
const secret = process.env.APP_SECRET ?? 'sandbox-app-secret';
const service = process.env.SERVICE_URL ?? base; // the webhook's address, when the console is served elsewhere
const shots = process.env.SCREENSHOTS ?? 'e2e/out';
const run = Date.now().toString().slice(-6);
mkdirSync(shots, { recursive: true });
setTimeout(() => {
  console.log('FAIL the browser run took more than 5 minutes');
  process.exit(2);
}, 5 * 60_000).unref();

const steps = [];
const openPages = [];
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    steps.push(`ok   ${name} (${Date.now() - started} ms)`);
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
    for (const p of openPages) await p.screenshot({ path: `${shots}/failure-${steps.length + 1}.png` }).catch(() => undefined);
    throw e;
  }
}

function webhook(phone, name, wamid, seconds, text) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '254700000000', phone_number_id: '110000000000001' },
      contacts: [{ profile: { name }, wa_id: phone }],
      messages: [{ from: phone, id: wamid, timestamp: String(seconds), type: 'text', text: { body: text } }],
    } }] }],
  });
}

async function customerWrites(phone, name, text, secondsAgo = 0) {
  const body = webhook(phone, name, `wamid.E2E-${phone}-${Date.now()}`, Math.floor(Date.now() / 1000) - secondsAgo, text);
  const signature = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
  const response = await fetch(`${service}/webhook/whatsapp`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature }, body,
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const failures = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  openPages.push(page);
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => m.type() === 'error' && console.log('console error: ' + m.text()));
  page.on('pageerror', (e) => {
    console.log(`page error: ${e.stack ?? e.message}`);
    failures.push(`page error: ${e.message}`);
  });

  await step('signs in (and chooses a new password when the service asks for it)', async () => {
    await page.goto(base + '/');
    await page.getByLabel('Email').waitFor();
    await page.screenshot({ path: `${shots}/sign-in.png` });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const forced = page.getByRole('heading', { name: 'Choose your own password' });
    const inbox = page.getByLabel('Search');
    await forced.or(inbox).first().waitFor();
    if (await forced.isVisible()) {
      await page.getByLabel('Current password').fill(password);
      await page.getByLabel('New password', { exact: true }).fill(password + '-changed');
      await page.getByLabel('New password again').fill(password + '-changed');
      await page.getByRole('button', { name: 'Change password' }).click();
      await inbox.waitFor();
    }
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
  });

  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('datacare.session')).accessToken);
  const api = async (path, init = {}) => {
    const r = await fetch(base + path, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    if (!r.ok) throw new Error(`${path} answered ${r.status}: ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
  const phone = `2547${run}01`;
  const name = `Wanjiku ${run}`;

  await step('a signed customer webhook appears in the inbox live, without a reload', async () => {
    await customerWrites(phone, name, 'Habari, my *router* is not working');
    const row = page.locator('.conv-row', { hasText: name });
    await row.waitFor();
    await row.getByTestId('unread').filter({ hasText: '1' }).waitFor();
    await customerWrites(`2547${run}02`, `Otieno ${run}`, 'Sasa, bill yangu?');
    await page.locator('.conv-row', { hasText: `Otieno ${run}` }).waitFor();
    await customerWrites(phone, name, 'Still down, please help');
    // its conversation moves back to the top with two unread messages
    await page.locator('.conv-row').first().filter({ hasText: name }).getByTestId('unread').filter({ hasText: '2' }).waitFor();
    await page.screenshot({ path: `${shots}/inbox.png` });
  });

  await step('the agent opens it, inserts a canned response with "/", replies with Enter and sees the ticks reach read', async () => {
    await api('/api/canned-responses', { method: 'POST', body: JSON.stringify({ shortcut: `pole${run}`, text: `Pole sana ${name}, we are checking your line now.` }) });
    await page.locator('.conv-row', { hasText: name }).click();
    await page.locator('.timeline').getByText('router').waitFor();
    if ((await page.locator('.timeline strong', { hasText: 'router' }).count()) !== 1) throw new Error('WhatsApp bold not rendered');
    const reply = page.getByLabel('Reply');
    await reply.fill(`/pole${run}`);
    await page.getByRole('option', { name: new RegExp(`pole${run}`) }).waitFor();
    await reply.press('Enter');
    if ((await reply.inputValue()) !== `Pole sana ${name}, we are checking your line now.`) throw new Error('canned response not inserted');
    await reply.press('Enter');
    const mine = page.locator('.msg.outbound', { hasText: 'we are checking your line now' });
    await mine.waitFor();
    await mine.locator('.ticks[data-status="read"]').waitFor({ timeout: 60_000 });
    // the list shows it as read by the agent
    await page.locator('.conv-row', { hasText: name }).getByTestId('unread').waitFor({ state: 'detached' });
    await page.getByLabel('Private note').check();
    await page.getByLabel('Note text').fill('Customer is on the Kilimani fibre ring');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.msg.note', { hasText: 'Kilimani' }).waitFor();
    await page.getByLabel('Private note').uncheck();
    await page.locator('.conv-header .name').click();
    await page.locator('.contact-panel h2').waitFor();
    await page.screenshot({ path: `${shots}/conversation.png` });
  });

  await step('the agent resolves the conversation', async () => {
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByTestId('conversation-status').filter({ hasText: 'resolved' }).waitFor();
    await page.getByRole('button', { name: 'Reopen', exact: true }).waitFor();
  });

  const late = `Kamau ${run}`;
  await step('a conversation whose 24-hour window has closed offers an approved template with its parameters', async () => {
    await customerWrites(`2547${run}03`, late, 'Nitawapigia kesho', 2 * 24 * 3600);
    await page.goto(base + '/inbox?window=closed');
    await page.locator('.conv-row', { hasText: late }).click();
    await page.getByText('The 24-hour window is closed.').waitFor();
    if ((await page.getByLabel('Reply').count()) !== 0) throw new Error('free text offered with a closed window');
    await page.getByLabel('Template').selectOption('order_update|en');
    await page.getByLabel('Parameter {{1}}').fill(late);
    await page.getByLabel('Parameter {{2}}').fill('DC-1042');
    await page.screenshot({ path: `${shots}/window-closed-template.png` });
    await page.getByRole('button', { name: 'Send template' }).click();
    await page.locator('.msg.outbound[data-type="template"]').waitFor();
  });

  await step('a campaign of three contacts shows its progress to the end', async () => {
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Campaign name').fill(`Router recall ${run}`);
    await page.getByLabel('Campaign template').selectOption('order_update|en');
    await page.getByLabel('Campaign parameter 1').fill('rafiki');
    await page.getByLabel('Campaign parameter 2').fill('RECALL-1');
    await page.getByLabel('Audience phone numbers').fill([`+2547${run}01`, `+2547${run}02`, `+2547${run}03`].join('\n'));
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByTestId('campaign-status').filter({ hasText: 'draft' }).waitFor();
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.locator('[data-testid="campaign-progress"][aria-valuemax="3"]').waitFor();
    await page.locator('[data-testid="campaign-progress"][aria-valuenow="3"]').waitFor({ timeout: 90_000 });
    await page.getByTestId('recipients').locator('tbody tr').nth(2).waitFor();
    await page.screenshot({ path: `${shots}/campaign.png`, fullPage: true });
  });

  await step('analytics, admin and projections screens load', async () => {
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Messages per day' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await page.screenshot({ path: `${shots}/analytics.png` });
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Projections' }).click();
    await page.locator('table.grid tbody tr').first().waitFor();
    await page.screenshot({ path: `${shots}/admin-projections.png` });
  });

  await step('on a phone-sized screen the inbox and a conversation are usable', async () => {
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const mobile = await phoneContext.newPage();
    mobile.setDefaultTimeout(30_000);
    await mobile.goto(base + '/login');
    await mobile.evaluate((s) => localStorage.setItem('datacare.session', s), await page.evaluate(() => localStorage.getItem('datacare.session')));
    await mobile.goto(base + '/inbox');
    await mobile.locator('.conv-row', { hasText: name }).waitFor();
    await mobile.screenshot({ path: `${shots}/phone-inbox.png` });
    await mobile.locator('.conv-row', { hasText: name }).click();
    await mobile.locator('.msg.outbound').first().waitFor();
    await mobile.screenshot({ path: `${shots}/phone-conversation.png` });
    await phoneContext.close();
  });
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`${steps.length} steps passed`);
