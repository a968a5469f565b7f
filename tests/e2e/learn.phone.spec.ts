import { test, expect } from '@playwright/test';
import { loginAndExpectHome } from './helpers';

const WELDER = '13900001008'; // a demo 焊工 no other test uses
const studiedSeconds = async (text: string | null) => {
	const m = text!.match(/(\d+) 分 (\d+) 秒/)!;
	return Number(m[1]) * 60 + Number(m[2]);
};

test('a worker studies on a phone: the clock counts while reading, stops when the tab is hidden, and finished 学时 open the exam', async ({
	page,
	request
}) => {
	test.setTimeout(120_000);
	await loginAndExpectHome(page, WELDER);

	// Before studying, the hours-gated welding exam is not available.
	await page.goto('/exams');
	const exam = page.locator('section', { hasText: '熔化焊接与热切割作业理论考试' });
	await expect(exam.getByTestId('hours-needed')).toContainText('已完成 0 / 24 学时');
	await expect(exam.getByRole('button', { name: '开始考试' })).toHaveCount(0);

	await page.goto('/learn');
	await page.getByRole('link', { name: /熔化焊接与热切割作业安全技术培训/ }).click();
	await page.getByRole('link', { name: '焊接与热切割作业安全概述' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('焊接与热切割作业安全概述');
	const studied = page.getByTestId('studied');
	await expect(page.getByTestId('study-clock')).toHaveAttribute('data-running', '1');

	// Read for ~20 s (scrolling now and then): the server counts it.
	for (let i = 0; i < 4; i++) {
		await page.mouse.wheel(0, 300);
		await page.waitForTimeout(5_000);
	}
	await expect
		.poll(async () => studiedSeconds(await studied.textContent()), { timeout: 20_000 })
		.toBeGreaterThanOrEqual(14);

	// Leaving the tab stops the clock: nothing is counted while hidden.
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await expect(page.getByTestId('study-clock')).toHaveAttribute('data-running', '0');
	const atHide = await studiedSeconds(await studied.textContent());
	await page.waitForTimeout(20_000);
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await page.reload();
	const afterReturn = await studiedSeconds(await studied.textContent());
	expect(afterReturn - atHide).toBeLessThanOrEqual(1);

	// The rest of the 24 学时 (test seam standing in for hours of study), then the exam opens.
	const credited = await request.post('/api/test/credit-study', {
		data: { phone: WELDER, tradeCode: 'welding-cutting', hours: 24 }
	});
	expect(credited.ok()).toBe(true);
	await page.goto('/learn/hours');
	await expect(page.getByTestId('hours-table')).toContainText('熔化焊接与热切割作业');
	await page.goto('/exams');
	await expect(exam.getByTestId('hours-needed')).toHaveCount(0);
	await exam.getByRole('button', { name: '开始考试' }).click();
	await expect(page).toHaveURL(/\/attempts\/\d+$/);
});
