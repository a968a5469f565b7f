import { test, expect } from '@playwright/test';
import { ACCOUNTS, loginAndExpectHome } from './helpers';

test('an admin changes a trade’s practical exam items; a wrong total is refused and nothing changes', async ({
	page
}) => {
	await loginAndExpectHome(page, ACCOUNTS.admin);
	await page.getByRole('link', { name: '工种设置' }).first().click();
	await expect(page).toHaveURL(/\/admin\/trades$/);
	await page.getByRole('link', { name: '修改高处安装、维护、拆除作业' }).click();

	const second = page.getByLabel('实操第 2 项分值');
	await expect(second).toHaveValue('25');
	await second.fill('20');
	await expect(page.getByTestId('practical-total')).toContainText('合计 95 分');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('alert')).toContainText('实操各项分值合计应为 100，现为 95');

	// Nothing was saved: the list still shows the old items.
	await page.goto('/admin/trades');
	const row = page.getByRole('row', { name: /高处安装、维护、拆除作业/ });
	await expect(row).toContainText('安全操作技术 25');

	await page.getByRole('link', { name: '修改高处安装、维护、拆除作业' }).click();
	await page.getByLabel('实操第 2 项分值').fill('20');
	await page.getByRole('button', { name: '添加项目' }).click();
	await page.getByLabel('实操第 5 项名称').fill('个人防护用品检查');
	await page.getByLabel('实操第 5 项分值').fill('5');
	await expect(page.getByTestId('practical-total')).toContainText('合计 100 分');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toContainText('已保存');

	await page.reload();
	await expect(page.getByLabel('实操第 5 项名称')).toHaveValue('个人防护用品检查');
	await page.goto('/audit');
	await expect(page.getByText('修改工种设置').first()).toBeVisible();
});
