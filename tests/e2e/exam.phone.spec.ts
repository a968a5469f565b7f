import { test, expect, type Page } from '@playwright/test';
import { loginAndExpectHome as login } from './helpers';

const SESSION_TITLE = '2026年第四季度低压电工作业理论考试';

async function startExam(page: Page) {
	await page.goto('/exams');
	const card = page.locator('section', { hasText: SESSION_TITLE });
	await card.getByRole('button', { name: /开始考试|继续考试/ }).click();
	await expect(page).toHaveURL(/\/attempts\/\d+$/);
	await expect(page.getByRole('timer')).toBeVisible();
	return Number(page.url().match(/attempts\/(\d+)/)![1]);
}

async function answerCurrent(page: Page) {
	// First choice of whatever type this question is (判断: 正确; 单选/多选: A).
	await page.locator('.choice').first().click();
}

test('a worker sits an exam through a network outage and a reload, and no key reaches the phone before submitting', async ({
	page,
	context
}) => {
	const bodies: string[] = [];
	let submitted = false;
	page.on('response', async (res) => {
		if (submitted) return;
		const type = res.headers()['content-type'] ?? '';
		if (type.includes('json') || type.includes('html')) {
			try {
				bodies.push(await res.text());
			} catch {
				/* redirects have no body */
			}
		}
	});

	await login(page, '13800000010');
	const attemptId = await startExam(page);

	// Q1, Q2 online: each shows 已保存.
	for (let i = 0; i < 2; i++) {
		await answerCurrent(page);
		await expect(page.getByTestId('save-state')).toHaveText('已保存');
		await page.getByRole('button', { name: '下一题' }).click();
	}

	// The network drops; the candidate keeps answering Q3 and Q4.
	await context.setOffline(true);
	await page.evaluate(() => window.dispatchEvent(new Event('offline')));
	await expect(page.getByTestId('offline-banner')).toBeVisible();
	for (let i = 0; i < 2; i++) {
		await answerCurrent(page);
		await expect(page.getByTestId('save-state')).toHaveText(/离线，答案已暂存在本机|未保存，正在重试/);
		await page.getByRole('button', { name: '下一题' }).click();
	}
	// Swipe back to Q4 works too.
	await page.getByRole('button', { name: '上一题' }).click();

	// Back online: the queue drains by itself.
	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByTestId('save-state')).toHaveText('已保存');

	// A reload finds every answer.
	await page.reload();
	await page.getByRole('button', { name: '答题卡' }).click();
	const sheet = page.getByTestId('answer-sheet');
	for (const n of [1, 2, 3, 4])
		await expect(sheet.getByRole('button', { name: `第 ${n} 题，已答` })).toBeVisible();
	await expect(sheet.getByRole('button', { name: '第 5 题，未答' })).toBeVisible();
	await expect(sheet).toContainText('已答 4 题，未答 96 题');

	// Submit: the confirmation counts unanswered questions.
	await sheet.getByRole('button', { name: '交卷' }).click();
	await expect(page.getByTestId('unanswered-count')).toContainText('96');
	submitted = true;
	await page.getByRole('button', { name: '确认交卷' }).click();
	await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
	await expect(page.getByTestId('result')).toContainText('作答 4 题');
	await expect(page.getByTestId('verdict')).toHaveText('不合格');

	// Now the keys and 解析 are shown — and none of them appeared in any response before submit.
	const explanations = (await page.getByTestId('reveal').allInnerTexts())
		.map((t) => t.match(/解析：(.+)/)?.[1]?.trim())
		.filter((t): t is string => !!t && t.length > 8);
	expect(explanations.length).toBeGreaterThan(90);
	const before = bodies.join('\n');
	expect(before.length).toBeGreaterThan(1000);
	for (const e of explanations) expect(before).not.toContain(e);
	expect(before).not.toMatch(/"explanation"|"answer":"[A-F对错]/);
});

test('the deadline passes for a candidate who closed the tab; the server submits what was saved', async ({
	browser,
	request
}) => {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await login(page, '13900001007');
	const attemptId = await startExam(page);
	await answerCurrent(page);
	await expect(page.getByTestId('save-state')).toHaveText('已保存');
	await page.getByRole('button', { name: '下一题' }).click();
	await answerCurrent(page);
	await expect(page.getByTestId('save-state')).toHaveText('已保存');
	await context.close(); // the candidate is gone

	// Two hours pass for this candidate (test seam); the server's sweeper must submit for them.
	const r = await request.post('/api/test/expire-attempt', { data: { attemptId } });
	expect(r.ok()).toBe(true);

	const again = await browser.newContext({
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const p2 = await again.newPage();
	await login(p2, '13900001007');
	await expect
		.poll(
			async () => {
				await p2.goto('/exams');
				return p2.locator('section', { hasText: SESSION_TITLE }).textContent();
			},
			{ timeout: 15_000 }
		)
		.toContain('已交卷');
	await p2.goto(`/attempts/${attemptId}/result`);
	await expect(p2.getByText('考试时间已到，系统已按已保存的答案自动交卷。')).toBeVisible();
	await expect(p2.getByTestId('result')).toContainText('作答 2 题');
	// A save after the deadline is refused with the same message on the API.
	const late = await p2.request.post(`/api/attempts/${attemptId}/answers`, {
		data: { answers: [{ position: 3, answer: 'A', seq: 99 }] }
	});
	expect(late.status()).toBe(409);
	expect((await late.json()).message).toBe('试卷已交卷，不能再修改答案');
	await again.close();
});
