import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ACCOUNTS, DEMO_PASSWORD, login, loginAndExpectHome, logout } from './helpers';

test.describe('each role lands on its home', () => {
	const cases: [string, string, string][] = [
		[ACCOUNTS.admin, 'home-admin', '系统管理'],
		[ACCOUNTS.trainer, 'home-trainer', '题库'],
		[ACCOUNTS.enterpriseAdmin, 'home-enterprise-admin', '垣曲县恒达矿业有限公司'],
		[ACCOUNTS.regulator, 'home-regulator', '监管区域：垣曲县'],
		[ACCOUNTS.judge, 'home-judge', '裁判工作台']
	];
	for (const [phone, testId, heading] of cases) {
		test(`${testId}`, async ({ page }) => {
			await loginAndExpectHome(page, phone);
			await expect(page.getByTestId(testId)).toContainText(heading);
		});
	}
});

test('an admin creates an account; its first login must change the password', async ({ page }) => {
	await loginAndExpectHome(page, ACCOUNTS.admin);
	await page.goto('/admin/users');
	await page.getByText('新建用户').click();
	await page.getByLabel('姓名').fill('首登测试');
	await page.getByLabel('手机号').fill('13755550001');
	await page.getByLabel('角色').selectOption('trainer');
	await page.getByRole('button', { name: '创建' }).click();
	const initial = (await page.getByTestId('initial-password').textContent())!.trim();
	expect(initial).toMatch(/^Ax.{8}$/);
	await logout(page);

	await login(page, '13755550001', initial);
	await expect(page).toHaveURL(/\/account\/password$/);
	await expect(page.getByText('首次登录')).toBeVisible();
	// Any other page sends them back until the password is changed.
	await page.goto('/');
	await expect(page).toHaveURL(/\/account\/password$/);
	await page.getByLabel('当前密码').fill(initial);
	await page.getByLabel('新密码', { exact: true }).fill('short');
	await page.getByLabel('确认新密码').fill('short');
	await page.getByRole('button', { name: '保存新密码' }).click();
	await expect(page.getByRole('alert')).toHaveText('密码至少 8 位');
	await page.getByLabel('当前密码').fill(initial);
	await page.getByLabel('新密码', { exact: true }).fill('trainer2026');
	await page.getByLabel('确认新密码').fill('trainer2026');
	await page.getByRole('button', { name: '保存新密码' }).click();
	await expect(page).toHaveURL(/\/\?password=changed$/);
	await expect(page.getByTestId('home-trainer')).toBeVisible();
});

test('login is throttled after repeated failures, with a clear message', async ({ page }) => {
	const victim = '13900001029'; // a demo worker no other test uses
	for (let i = 0; i < 4; i++) {
		await login(page, victim, `wrong-${i}-pass`);
		await expect(page.getByRole('alert')).toHaveText('账号或密码错误');
	}
	await login(page, victim, 'wrong-5-pass');
	await expect(page.getByRole('alert')).toContainText('已临时锁定');
	await login(page, victim, DEMO_PASSWORD);
	await expect(page.getByRole('alert')).toContainText('已临时锁定');
	await expect(page).toHaveURL(/\/login$/);
});

async function rosterFile(rows: string[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('花名册');
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

// Valid demo 身份证号 (check digits computed by the MOD 11-2 rule).
const ID_A = '140827199203030310';
const ID_B = '140827199204040422';

test('roster import: a bad file lists its errors and imports nothing; a good one imports', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.enterpriseAdmin);
	await page.goto('/enterprise/roster');
	const before = await page.locator('section', { hasText: '在册人员' }).locator('tbody tr').count();
	const header = ['姓名', '身份证号', '手机号', '岗位'];

	const bad = await rosterFile([
		header,
		['吴一', ID_A, '13744440001', '焊工'],
		['郑二', '140827199204040424', '1374444', '焊工']
	]);
	await page
		.locator('input[type=file]')
		.setInputFiles({ name: 'bad.xlsx', mimeType: 'application/octet-stream', buffer: bad });
	await page.getByRole('button', { name: '预览检查' }).click();
	const problems = page.getByTestId('roster-problems');
	await expect(problems).toContainText('第 3 行：身份证号校验码错误');
	await expect(problems).toContainText('第 3 行：手机号"1374444"格式不正确');
	await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
	await page.reload();
	await expect(page.locator('section', { hasText: '在册人员' }).locator('tbody tr')).toHaveCount(before);

	const good = await rosterFile([
		header,
		['吴一', ID_A, '13744440001', '焊工'],
		['郑二', ID_B, '13744440002', '高处作业人员']
	]);
	await page
		.locator('input[type=file]')
		.setInputFiles({ name: 'good.xlsx', mimeType: 'application/octet-stream', buffer: good });
	await page.getByRole('button', { name: '预览检查' }).click();
	await expect(page.getByTestId('roster-preview-ok')).toContainText('共 2 行');
	await page.getByRole('button', { name: '确认导入' }).click();
	await expect(page.getByTestId('roster-committed')).toContainText('新建账号 2 个');
	await expect(page.locator('section', { hasText: '在册人员' }).locator('tbody tr')).toHaveCount(before + 2);
	await expect(page.getByText('吴一')).toBeVisible();
});
