import { test, expect, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { ACCOUNTS, loginAndExpectHome, logout } from './helpers';

/** A demo 配电房值班电工 (宏运运输, 垣曲县王茅镇) no other test uses. */
const WORKER = '13900001013';
const SESSION_TITLE = '2026年第四季度低压电工作业理论考试';
const POST = '配电房值班电工';

async function phonePage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	return context.newPage();
}

async function expectNoOverflow(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
}

test.describe.configure({ mode: 'serial' });

test('a worker is blocked, studies, passes theory and practical, gets a certificate and is cleared; the regulator follows it; the public page verifies the QR; expiry blocks the post', async ({
	browser,
	page,
	request,
	baseURL
}) => {
	test.setTimeout(180_000);

	// ── The worker (phone): assigned to a post that needs 低压电工作业, blocked.
	const w = await phonePage(browser);
	await loginAndExpectHome(w, WORKER);
	const name = (await w.getByRole('heading', { level: 1 }).textContent())!.replace('你好，', '').trim();
	const home = w.getByTestId('home-worker');
	await expect(home).toContainText(POST);
	await expect(home.getByTestId('clearance')).toHaveText('不可上岗');
	await w.goto('/me/posts');
	const post = w.locator('article', { hasText: POST });
	await expect(post.getByTestId('clearance')).toHaveText('不可上岗');
	await expect(post).toContainText('低压电工作业');
	await expectNoOverflow(w);

	// ── A regulator (desktop) finds the worker by name and sees the post blocked.
	await loginAndExpectHome(page, ACCOUNTS.regulator);
	await page.goto('/regulator');
	await page.getByLabel('查找人员 / 证书').fill(name);
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page).toHaveURL(/\/regulator\/search\?q=/);
	const results = page.getByTestId('search-results');
	await expect(results).toContainText(name);
	const workerHref = (await results.getByRole('link', { name, exact: true }).first().getAttribute('href'))!;
	expect(workerHref).toMatch(/^\/workers\/\d+$/);
	await page.goto(workerHref);
	await expect(page.getByTestId('worker-clearance').getByTestId('clearance')).toHaveText('不可上岗');
	await expect(page.getByTestId('worker-certificates')).toContainText('暂无证书');

	// ── The worker studies (the course of the trade) …
	await post.getByRole('link', { name: '去学习' }).click();
	await expect(w).toHaveURL(/\/learn$/);
	await w.getByRole('link', { name: /低压电工作业安全技术培训/ }).click();
	await w.locator('a[href^="/learn/lessons/"]').first().click();
	await expect(w).toHaveURL(/\/learn\/lessons\/\d+$/);
	await expect(w.getByRole('heading', { level: 1 })).toBeVisible();

	// … and sits the theory exam. Test seam: the exam room never sends keys to the phone, so the
	// server fills in the right answers; the candidate then submits through the UI as usual.
	await w.goto('/exams');
	await w
		.locator('section', { hasText: SESSION_TITLE })
		.getByRole('button', { name: /开始考试|继续考试/ })
		.click();
	await expect(w).toHaveURL(/\/attempts\/\d+$/);
	const attemptId = Number(w.url().match(/attempts\/(\d+)/)![1]);
	const filled = await request.post('/api/test/pass-attempt', { data: { attemptId } });
	expect(filled.ok()).toBe(true);
	await w.reload();
	await w.getByRole('button', { name: '答题卡' }).click();
	const sheet = w.getByTestId('answer-sheet');
	await expect(sheet).toContainText('已答 100 题，未答 0 题');
	await sheet.getByRole('button', { name: '交卷' }).click();
	await w.getByRole('button', { name: '确认交卷' }).click();
	await expect(w).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
	await expect(w.getByTestId('verdict')).toHaveText('合格');

	// Theory alone is not enough for 特种作业.
	await w.goto('/me/posts');
	await expect(post.getByTestId('clearance')).toHaveText('不可上岗');
	await expect(post.getByTestId('reason')).toHaveText('理论考试已通过，尚未通过实际操作考试');
	await w.goto('/me/certificates');
	await expect(w.getByText('暂无证书')).toBeVisible();

	// ── The examiner (trainer, desktop) records the practical: 22 + 20 + 21 + 19 = 82.
	const examinerContext = await browser.newContext();
	const ex = await examinerContext.newPage();
	await loginAndExpectHome(ex, ACCOUNTS.trainer);
	await ex.goto('/examiner/practical');
	await ex.getByLabel('姓名 / 手机号 / 身份证号').fill(WORKER);
	await ex.getByLabel('工种').selectOption('electrician-low-voltage');
	await ex.getByRole('button', { name: '查找' }).click();
	await ex.getByRole('link', { name: '选择' }).click();
	const form = ex.getByTestId('practical-form');
	await expect(form).toContainText(name);
	await expect(form.getByTestId('theory-status')).toContainText('理论考试已通过');
	const marks: [string, string][] = [
		['安全用具使用', '22'],
		['安全操作技术', '20'],
		['作业现场安全隐患排除', '21'],
		['作业现场应急处置', '19']
	];
	for (const [item, mark] of marks) await form.getByLabel(item).fill(mark);
	await form.getByRole('button', { name: '录入成绩' }).click();
	const result = ex.getByTestId('practical-result');
	await expect(result).toContainText('实操成绩 82 分，合格');
	const number = (await ex.getByTestId('issued-number').textContent())!.trim();
	expect(number).toMatch(/^AX-DG-\d{4}-\d{6}$/);
	await examinerContext.close();

	// ── The worker receives the certificate and the post is cleared.
	await w.goto('/me/certificates');
	const card = w.getByTestId(`certificate-${number}`);
	await expect(card.getByTestId('certificate-status')).toHaveText('有效');
	await w.goto('/me/posts');
	await expect(post.getByTestId('clearance')).toHaveText('可上岗');
	await w.goto('/');
	await expect(home.getByTestId('clearance')).toHaveText('可上岗');
	await expectNoOverflow(w);

	// The printable certificate carries a QR code of the public verification URL.
	await w.goto('/me/certificates');
	await card.getByRole('link', { name: '查看与打印' }).click();
	await expect(w.getByTestId('certificate')).toContainText(number);
	const verifyUrl = (await w.getByTestId('verify-link').getAttribute('href'))!;
	expect(verifyUrl).toMatch(new RegExp(`^${baseURL}/verify/[2-9A-HJKMNP-Z]{21}$`));
	// The QR's modules are exactly those of a QR code encoding that URL.
	const expected = await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	const modules = (svg: string) => svg.match(/<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/)?.[1];
	const shown = await w.locator('.qr svg').evaluate((el) => el.outerHTML);
	expect(modules(shown)).toBeTruthy();
	expect(modules(shown)).toBe(modules(expected));
	await w.getByRole('button', { name: '卡片' }).click();
	await expect(w.locator('.certificate.layout-card')).toBeVisible();

	// ── The regulator sees the status change: cleared, with the certificate.
	await page.reload();
	await expect(page.getByTestId('worker-clearance').getByTestId('clearance')).toHaveText('可上岗');
	const row = page.getByTestId(`worker-certificate-${number}`);
	await expect(row.getByTestId('status')).toHaveText('有效');
	// Found by certificate number too.
	await page.goto(`/regulator/search?q=${number}`);
	await expect(page.getByTestId('search-results')).toContainText(name);

	// ── Anyone verifies the QR's URL without logging in: minimal data only.
	const anonContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const anon = await anonContext.newPage();
	await anon.goto(verifyUrl);
	await expect(anon).toHaveURL(verifyUrl);
	await expect(anon.getByTestId('verify-status')).toHaveText('有效');
	await expect(anon.getByTestId('verify-holder')).toHaveText(name);
	await expect(anon.getByTestId('verify-trade')).toHaveText('低压电工作业');
	const publicText = await anon.locator('main').innerText();
	expect(publicText).not.toContain(number);
	expect(publicText).not.toContain(WORKER);
	expect(publicText).toMatch(/\d{4}\*{10}[\dX]{4}/);
	// The form takes the code typed with spaces and lower case.
	const code = verifyUrl.split('/').pop()!;
	await anon.goto('/verify');
	await anon.getByLabel('核验码').fill(`${code.slice(0, 7)} ${code.slice(7).toLowerCase()}`);
	await anon.getByRole('button', { name: '核验' }).click();
	await expect(anon).toHaveURL(verifyUrl);
	await expect(anon.getByTestId('verify-status')).toHaveText('有效');
	// An unknown code: the same page shape, nothing found.
	const unknown = await anon.goto('/verify/ABCDEFGHJKMNPQRSTUVWX');
	expect(unknown?.status()).toBe(200);
	await expect(anon.getByTestId('verify-status')).toHaveText('未找到该证书');

	// ── Six years pass for this certificate (test seam): expired by date, the post blocked.
	const aged = await request.post('/api/test/age-certificate', { data: { number } });
	expect(aged.ok()).toBe(true);
	await w.goto('/me/certificates');
	await expect(card.getByTestId('certificate-status')).toHaveText('已过期');
	await w.goto('/me/posts');
	await expect(post.getByTestId('clearance')).toHaveText('不可上岗');
	await expect(post.getByTestId('reason')).toContainText('过期');
	await anon.goto(verifyUrl);
	await expect(anon.getByTestId('verify-status')).toHaveText('已过期');
	await page.goto(workerHref);
	await expect(page.getByTestId('worker-clearance').getByTestId('clearance')).toHaveText('不可上岗');
	await expect(row.getByTestId('status')).toHaveText('已过期');
	await anonContext.close();
	await w.context().close();
});

test('a regulator sees only their region: dashboard, export, and a 403 for a worker outside it', async ({
	page,
	browser
}) => {
	// The 闻喜 regulator's view gives us a 闻喜 worker and enterprise.
	const wenxiContext = await browser.newContext();
	const wenxi = await wenxiContext.newPage();
	await loginAndExpectHome(wenxi, ACCOUNTS.wenxiRegulator);
	await wenxi.goto('/regulator');
	const enterpriseHref = (await wenxi
		.getByTestId('by-enterprise')
		.getByRole('link', { name: '闻喜县鑫源铸造有限公司' })
		.getAttribute('href'))!;
	await wenxi.goto(enterpriseHref);
	const outsiderHref = (await wenxi.locator('a[href^="/workers/"]').first().getAttribute('href'))!;
	const outsiderName = (await wenxi.locator('a[href^="/workers/"]').first().textContent())!.trim();
	await wenxiContext.close();

	await loginAndExpectHome(page, ACCOUNTS.regulator);
	await expect(page.getByTestId('home-regulator')).toContainText('60天内到期');
	await page.goto('/regulator');
	await expect(page.getByTestId('kpis')).toContainText('岗位不可上岗');
	await expect(page.getByTestId('by-region')).toContainText('王茅镇');
	await expect(page.getByTestId('by-enterprise')).not.toContainText('鑫源铸造');
	await expect(page.getByTestId('by-trade')).toContainText('低压电工作业');
	await expect(page.getByTestId('due-soon')).toContainText('复审到期');
	// Charts are drawn client-side.
	await expect(page.getByTestId('chart').first()).toBeVisible();
	expect(await page.getByTestId('chart').count()).toBeGreaterThanOrEqual(5);

	// Export.
	const xlsx = await page.request.get('/regulator/export');
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

	// Outside the region: 403, nothing leaked.
	for (const href of [outsiderHref, enterpriseHref]) {
		const res = await page.goto(href);
		expect(res?.status()).toBe(403);
		await expect(page.locator('main')).not.toContainText(outsiderName);
	}
	await page.goto(`/regulator/search?q=${encodeURIComponent(outsiderName)}`);
	await expect(page.getByTestId('search-results').locator(`a[href="${outsiderHref}"]`)).toHaveCount(0);
	await logout(page);
});

test('an enterprise admin defines a post with two qualifications and sees who is blocked and why', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.enterpriseAdmin);
	await expect(page.getByTestId('home-enterprise-admin')).toContainText('不可上岗');
	await page.goto('/enterprise/posts');
	const create = page.locator('section', { hasText: '新建岗位' });
	await create.getByLabel('岗位名称').fill('电工班长');
	await create.getByLabel('主要负责人').check();
	await create.getByLabel('低压电工作业').check();
	await create.getByRole('button', { name: '创建岗位' }).click();
	const post = page.getByTestId('enterprise-post-电工班长');
	await expect(post).toBeVisible();
	await expect(post.getByLabel('主要负责人')).toBeChecked();
	const select = post.getByLabel('安排人员');
	const value = await select.locator('option', { hasText: '139****1010' }).getAttribute('value');
	await select.selectOption(value!);
	await post.getByRole('button', { name: '安排到岗' }).click();
	await expect(post.locator('tbody tr')).toHaveCount(1);
	await expect(post).toContainText('不可上岗 1');
	await expect(post.locator('tbody')).toContainText('主要负责人：');
	await expect(post.locator('tbody')).toContainText('低压电工作业：');
	// The demo 主要负责人 whose certificate expires within 60 days is flagged.
	await expect(page.getByTestId('due-soon')).toContainText('证书到期');
	// Unassign and delete again.
	await post.getByRole('button', { name: '调离' }).click();
	await expect(post).toContainText('该岗位暂无人员');
	await post.getByRole('button', { name: '删除岗位' }).click();
	await expect(page.getByTestId('enterprise-post-电工班长')).toHaveCount(0);
});
