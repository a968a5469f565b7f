import { test, expect } from '@playwright/test';
import { ACCOUNTS, loginAndExpectHome } from './helpers';

test('a worker lands on their home and sees their post on a phone', async ({ page }) => {
	await loginAndExpectHome(page, ACCOUNTS.worker);
	await expect(page.getByTestId('home-worker')).toContainText('配电房值班电工');
	await expect(page.getByTestId('home-worker')).toContainText('低压电工作业');
	// Nothing overflows a 360 px screen.
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
});

test('a worker is refused admin pages and other people’s data, with nothing leaked', async ({ page }) => {
	await loginAndExpectHome(page, ACCOUNTS.worker);
	const admin = await page.goto('/admin/users');
	expect(admin?.status()).toBe(403);
	await expect(page.getByTestId('error-message')).toHaveText('您没有权限访问此页面');
	await expect(page.locator('body')).not.toContainText('13800000001');

	// Another enterprise's worker, found by changing the id in the URL.
	for (const id of [20, 21, 22]) {
		const res = await page.goto(`/workers/${id}`);
		expect(res?.status()).toBe(403);
		await expect(page.getByTestId('error-message')).toHaveText('您无权查看该人员');
	}
	const roster = await page.goto('/enterprise/roster');
	expect(roster?.status()).toBe(403);
	const regulator = await page.goto('/regulator/enterprises/2');
	expect(regulator?.status()).toBe(403);
});
