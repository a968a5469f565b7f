import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'anxun2025';

export const ACCOUNTS = {
	admin: '13800000001',
	trainer: '13800000002',
	enterpriseAdmin: '13800000003',
	regulator: '13800000004',
	judge: '13800000005',
	worker: '13800000010',
	chemAdmin: '13800000013',
	wenxiRegulator: '13800000014'
} as const;

export async function login(page: Page, loginId: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('手机号 / 身份证号').fill(loginId);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
}

export async function loginAndExpectHome(page: Page, loginId: string, password = DEMO_PASSWORD) {
	await login(page, loginId, password);
	await expect(page).toHaveURL(/\/$/);
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL(/\/login$/);
}
