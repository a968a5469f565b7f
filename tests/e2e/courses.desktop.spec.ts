import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { ACCOUNTS, loginAndExpectHome } from './helpers';

test('a trainer imports a seed document, accepts two proposed questions into a bank and publishes the course', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.trainer);
	await page.goto('/trainer/courses/import');
	await page.getByLabel('文件名称（作为试题来源）').fill('垣政发〔2025〕1号');
	await page
		.getByLabel('上传文本文件（.txt）')
		.setInputFiles(resolve(process.cwd(), '../shared/seeds/002_adfa3942083f85c1.txt'));
	await page.getByRole('button', { name: '生成草稿' }).click();
	await expect(page).toHaveURL(/\/trainer\/courses\/\d+\/proposals$/);
	await expect(page.getByTestId('import-warnings')).toBeVisible();

	for (const i of [0, 1]) {
		const card = page.getByTestId(`proposal-${i}`);
		await card.getByLabel('题干').fill(`${await card.getByLabel('题干').inputValue()}（采纳测试${i}）`);
		await card.getByRole('button', { name: '采纳' }).click();
		await expect(card.getByRole('status')).toContainText(/已采纳为题目 ZC-\d{4}/);
	}

	await page.getByRole('link', { name: '返回课程（审阅后发布）' }).click();
	await expect(page.getByTestId('course-status')).toHaveText('草稿');
	await expect(page.getByRole('heading', { name: /（二十）/ })).toHaveCount(0); // items are lessons, parts are chapters
	await expect(page.getByRole('link', { name: /（二十）开展职工安全技能竞赛/ })).toBeVisible();
	await page.getByRole('button', { name: '发布课程' }).click();
	await expect(page.getByTestId('course-status')).toHaveText('已发布');

	// The accepted questions are in the bank, published.
	await page.goto('/trainer/banks/policy-2025?q=采纳测试');
	await expect(page.getByTestId('bank-count')).toContainText('符合条件 2 题');
});
