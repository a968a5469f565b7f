import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { ACCOUNTS, loginAndExpectHome } from './helpers';

async function sheet(rows: (string | number)[][]) {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('题目');
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = [
	'题型',
	'题干',
	'选项A',
	'选项B',
	'选项C',
	'选项D',
	'选项E',
	'选项F',
	'答案',
	'解析',
	'难度',
	'知识点',
	'来源'
];

test('a trainer imports an .xlsx with a bad row, fixes it, imports; edits a used question; exports', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.trainer);
	await page.goto('/trainer/banks/work-at-height');
	const total = Number((await page.getByTestId('bank-count').textContent())!.match(/共 (\d+) 题/)![1]);

	// 1. A file with one bad row: the error names the row; nothing is imported.
	const good = [
		'判断',
		'导入测试：高处作业人员在作业前应检查安全带的织带和金属件是否完好。',
		'',
		'',
		'',
		'',
		'',
		'',
		'对',
		'使用前检查是GB 6095对安全带使用的基本要求。',
		2,
		'安全带',
		'GB 6095-2021《坠落防护 安全带》'
	];
	const bad = [
		'单选',
		'导入测试：安全带正确的挂点做法是？',
		'高挂低用',
		'低挂高用',
		'挂在不牢固的管线上',
		'不挂',
		'',
		'',
		'E',
		'高挂低用可减小坠落距离和冲击力。',
		2,
		'安全带',
		'GB 6095-2021《坠落防护 安全带》'
	];
	await page.goto('/trainer/banks/work-at-height/import');
	await page.getByLabel('选择文件').setInputFiles({
		name: 'bad.xlsx',
		mimeType: 'application/octet-stream',
		buffer: await sheet([HEADER, good, bad])
	});
	await page.getByRole('button', { name: '预览检查' }).click();
	await expect(page.getByTestId('import-issues')).toContainText('第 3 行：答案"E"不在选项 A–D 范围内');
	await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();

	// 2. Fixed: preview passes, the import commits both rows.
	const fixed = [...bad];
	fixed[8] = 'A';
	await page.getByLabel('选择文件').setInputFiles({
		name: 'fixed.xlsx',
		mimeType: 'application/octet-stream',
		buffer: await sheet([HEADER, good, fixed])
	});
	await page.getByRole('button', { name: '预览检查' }).click();
	await expect(page.getByTestId('import-ok')).toContainText('共 2 题');
	await page.getByRole('button', { name: '确认导入' }).click();
	await expect(page.getByTestId('import-done')).toContainText('新增 2 题');
	await page.goto('/trainer/banks/work-at-height');
	await expect(page.getByTestId('bank-count')).toContainText(`共 ${total + 2} 题`);

	// 3. Edit a question that a paper used: a new version; the old papers keep version 1.
	await page.goto('/trainer/sessions');
	await page.getByRole('link', { name: '2025年安全生产工作要点全员测试' }).click();
	const ref = (await page
		.locator('section', { hasText: '试题分析' })
		.locator('tbody tr')
		.first()
		.locator('td')
		.first()
		.textContent())!.trim();
	await page.goto(`/trainer/banks/policy-2025/questions/${ref}`);
	await expect(page.getByText(/该题已被 \d+ 份试卷使用/)).toBeVisible();
	const explanation = page.getByLabel('解析');
	await explanation.fill((await explanation.inputValue()) + '（培训教师补充说明）');
	// The live preview shows what a candidate would see.
	await expect(page.getByTestId('live-preview')).toBeVisible();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByTestId('save-outcome')).toContainText('已保存为新版本');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('第 2 版');
	await expect(page.getByText(/第 1 版：\d+ 份试卷/)).toBeVisible();

	// 4. Export the bank file: it carries the edit.
	await page.goto('/trainer/banks/policy-2025');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出题库文件' }).click();
	const file = await (await download).path();
	const text = await readFile(file!, 'utf8');
	expect(text.startsWith('trade: policy-2025\n')).toBe(true);
	expect(text).toContain('（培训教师补充说明）');
});

test('a trainer sees a blueprint the bank cannot satisfy refused with the exact shortfall', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.trainer);
	await page.goto('/trainer/blueprints/new');
	await page.getByLabel('名称').fill('超量测试');
	await page.getByLabel('工种题库').selectOption('electrician-low-voltage');
	await page.getByLabel('第 1 部分题型').selectOption('judge');
	await page.getByLabel('第 1 部分题量').fill('500');
	await page.getByLabel('第 1 部分最低难度').fill('3');
	await page.getByLabel('合格分').fill('300');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('blueprint-problems')).toContainText(
		/低压电工作业 判断题 难度≥3 只有 \d+ 道，需要 500 道/
	);
});

test('a trainer finds the questions whose cited standard was replaced and opens one', async ({ page }) => {
	await loginAndExpectHome(page, ACCOUNTS.trainer);
	await page.goto('/trainer/banks/welding-cutting');
	const banner = page.getByTestId('bank-outdated');
	await expect(banner).toContainText('题引用的法规或标准已被新版本替代');
	const n = Number((await banner.textContent())!.match(/(\d+) 题引用/)![1]);
	expect(n).toBeGreaterThan(0);
	await banner.getByRole('link', { name: '只看这些题' }).click();
	await expect(page.getByTestId('bank-count')).toContainText(`符合条件 ${n} 题`);
	await expect(page.locator('tbody .badge', { hasText: '依据待复核' })).toHaveCount(Math.min(n, 300));
	await page.locator('tbody tr').first().getByRole('link').click();
	await expect(page.getByTestId('source-outdated').first()).toContainText('请按新文本复核本题并改引新依据');
});
