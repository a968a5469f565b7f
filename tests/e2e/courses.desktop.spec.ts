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

// A 1×1 PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

test('a trainer writes a course from scratch with an image, previews it and publishes it', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.trainer);
	await page.goto('/courses');
	await page.getByText('新建课程').click();
	await page.getByLabel('课程名称').fill('有限空间作业安全（自编）');
	await page.getByRole('checkbox', { name: '安全生产管理人员' }).check();
	await page.getByRole('button', { name: '创建草稿' }).click();
	await expect(page).toHaveURL(/\/trainer\/courses\/\d+$/);
	await page.getByLabel('新课时标题（第一章）').fill('先通风、再检测、后作业');
	await page.getByRole('button', { name: '添加课时' }).click();
	await expect(page).toHaveURL(/\/trainer\/courses\/lessons\/\d+$/);

	// A script file is refused; an image is stored and its Markdown line offered.
	await page.getByLabel(/插入图片或附件/).setInputFiles({
		name: 'x.html',
		mimeType: 'text/html',
		buffer: Buffer.from('<script>alert(1)</script>')
	});
	await page.getByRole('button', { name: '上传' }).click();
	await expect(page.getByRole('alert')).toContainText('不支持的文件类型');
	await page
		.getByLabel(/插入图片或附件/)
		.setInputFiles({ name: 'vent.png', mimeType: 'image/png', buffer: PNG });
	await page.getByRole('button', { name: '上传' }).click();
	const line = (await page.getByTestId('attached-markdown').textContent())!;
	expect(line).toMatch(/^!\[vent\.png\]\(\/files\/\d+\)$/);

	const md = page.getByLabel('课文（Markdown）');
	await md.fill(`**本课依据**：GB 30871-2022\n\n## 要点\n\n${line}\n\n<script>alert(1)</script>`);
	await page.getByRole('button', { name: '预览' }).click();
	const preview = page.getByTestId('lesson-preview');
	await expect(preview.locator('img')).toHaveAttribute('src', /^\/files\/\d+$/);
	await expect(preview.locator('script')).toHaveCount(0);
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('已保存');
	const img = await page.request.get(line.match(/\((.+)\)/)![1]);
	expect(img.headers()['content-type']).toBe('image/png');

	await page.getByRole('link', { name: '返回课程' }).click();
	await page.getByRole('button', { name: '发布课程' }).click();
	await expect(page.getByTestId('course-status')).toHaveText('已发布');
});
