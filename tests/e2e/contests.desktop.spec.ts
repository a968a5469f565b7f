import { test, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { login } from './helpers';

/**
 * The journey: an organiser sets up a 执法比武 with a theory round and a 案卷评查 round;
 * entrants sit the theory round; three judges score on phone viewports; a second browser watching the
 * public board sees ranks change without reloading; a freeze hides later changes from the public
 * board but not from the jury's; the reveal shows the final ranks.
 *
 * Accounts are the contest demo accounts no other spec uses: regulators 13800000107–110 and judges
 * 13800000113–115 (the organiser is the demo trainer, who only creates a new contest here).
 */
const ORGANISER = '13800000002';
const ENTRANTS = [
	{ phone: '13800000107', name: '徐立新', team: '甲队' },
	{ phone: '13800000108', name: '孙文博', team: '甲队' },
	{ phone: '13800000109', name: '马振华', team: '乙队' },
	{ phone: '13800000110', name: '朱丽娟', team: '乙队' }
];
const JUDGES = ['13800000113', '13800000114', '13800000115'];
const RUBRIC = ['案件来源与立案', '调查取证', '法律适用', '程序合法', '文书规范'];
const MAX = [15, 25, 20, 25, 15];

async function signedIn(browser: Browser, phone: string, phoneViewport = false): Promise<Page> {
	const context = await browser.newContext(
		phoneViewport ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}
	);
	const page = await context.newPage();
	await login(page, phone);
	await expect(page).toHaveURL(/\/$/);
	return page;
}

/** Clicks a client-side (JavaScript) button until its effect shows: the page may still be hydrating. */
async function clickUntil(button: Locator, effect: Locator) {
	await expect(async () => {
		if (!(await effect.isVisible())) await button.click();
		await expect(effect).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 15_000 });
}

const row = (page: Page, name: string) =>
	page.locator(`[data-testid="individual-board"] [data-testid="board-row"][data-name="${name}"]`);

async function sitTheory(browser: Browser, phone: string, contestId: number) {
	const page = await signedIn(browser, phone);
	await page.goto('/contests');
	await page.getByTestId(`entering-${contestId}`).getByRole('button', { name: '进入理论赛' }).click();
	await expect(page).toHaveURL(/\/attempts\/\d+$/);
	// A couple of answers is enough: what matters is that a result is recorded.
	await page.locator('.choice').first().click();
	await expect(page.getByTestId('save-state')).toHaveText('已保存');
	await page.getByRole('button', { name: '答题卡' }).click();
	await page.getByTestId('answer-sheet').getByRole('button', { name: '交卷' }).click();
	await page.getByRole('button', { name: '确认交卷' }).click();
	await expect(page).toHaveURL(/\/attempts\/\d+\/result$/);
	await page.context().close();
}

/** A judge on a phone fills and submits one 案卷评查 sheet (fractions of each item's maximum). */
async function scoreSheet(judge: Page, contestId: number, entrant: string, fraction: number) {
	await judge.goto(`/contests/${contestId}/judge`);
	await judge.getByRole('link', { name: new RegExp(entrant) }).click();
	await expect(judge.getByRole('heading', { name: entrant })).toBeVisible();
	await expect(judge.getByTestId('sheet-form')).toHaveAttribute('data-ready', 'true');
	for (let i = 0; i < RUBRIC.length; i++)
		await judge.getByLabel(`${RUBRIC[i]}得分`).fill(String(Math.round(MAX[i] * fraction)));
	await clickUntil(
		judge.getByRole('button', { name: '提交', exact: true }),
		judge.getByRole('button', { name: '确认提交' })
	);
	await judge.getByRole('button', { name: '确认提交' }).click();
	await expect(judge.getByTestId('sheet-locked')).toBeVisible();
}

test('执法比武: set-up, theory, judges on phones, live public board, freeze and reveal', async ({
	browser,
	page
}) => {
	test.setTimeout(300_000);
	const name = `E2E执法比武${Date.now() % 100_000}`;

	// ---- The organiser sets up the contest through the UI ----
	await login(page, ORGANISER);
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/contests');
	await page.getByLabel('比赛名称').fill(name);
	await page.getByLabel('比赛类型').selectOption('enforcement');
	await page.getByRole('button', { name: '创建并设置' }).click();
	await expect(page).toHaveURL(/\/contests\/\d+\/setup$/);
	const contestId = Number(page.url().match(/contests\/(\d+)/)![1]);

	for (const team of ['甲队', '乙队']) {
		await page.getByLabel('代表队名称').fill(team);
		await page.getByRole('button', { name: '添加代表队' }).click();
		await expect(page.locator('.teams')).toContainText(team);
	}

	const entrantSearch = page.locator('form', { has: page.getByLabel('查找参赛人员') });
	for (const e of ENTRANTS) {
		await page.getByLabel('查找参赛人员').fill(e.phone);
		await entrantSearch.getByRole('button', { name: '查找' }).click();
		const candidate = page.getByTestId(`candidate-${e.phone}`);
		await candidate.getByRole('combobox').selectOption({ label: e.team });
		await candidate.getByRole('button', { name: '添加' }).click();
		await expect(page.getByTestId(`entrant-${e.phone}`)).toContainText(e.name);
	}

	const judgeSearch = page.locator('form', { has: page.getByLabel('查找裁判') });
	for (const [i, phone] of JUDGES.entries()) {
		await page.getByLabel('查找裁判').fill(phone);
		await judgeSearch.getByRole('button', { name: '查找' }).click();
		const candidate = page.getByTestId(`judge-candidate-${phone}`);
		if (i === 0) await candidate.getByLabel('裁判长').check();
		await candidate.getByRole('button', { name: '添加' }).click();
		await expect(page.getByTestId(`judge-${phone}`)).toBeVisible();
	}

	const theory = page.getByTestId('add-theory');
	await theory
		.locator('select[name="blueprintId"]')
		.selectOption({ label: '安全生产行政执法理论考试（安全生产行政执法）' });
	await theory.locator('select[name="paper"]').selectOption('same');
	await theory.getByRole('button', { name: '添加理论赛' }).click();
	await expect(page.getByRole('status')).toHaveText('理论赛轮次已添加');

	const practical = page.getByTestId('add-practical');
	await practical.getByLabel('轮次名称').fill('案卷评查');
	await practical.getByLabel('权重').fill('60');
	await clickUntil(
		practical.getByRole('button', { name: '使用案卷评查模板' }),
		practical.getByText('合计 100 分')
	);
	await practical.getByRole('button', { name: '添加实操轮次' }).click();
	await expect(page.getByRole('status')).toHaveText('实操轮次已添加');
	await expect(page.getByTestId('round-理论考试')).toContainText('所有选手同一套试卷');
	await expect(page.getByTestId('round-案卷评查')).toContainText('5 个评分项');

	// ---- A second browser (not signed in) watches the public board ----
	const watcherContext = await browser.newContext();
	const board = await watcherContext.newPage();
	await board.goto(`/board/${contestId}`);
	await expect(board.getByTestId('live-indicator')).toHaveText('● 实时');
	await board.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
	const notReloaded = () =>
		board.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
	await expect(board.locator('[data-testid="individual-board"] [data-testid="board-row"]')).toHaveCount(4);

	// The organiser keeps the jury board open.
	await page.goto(`/contests/${contestId}/jury`);
	await expect(page.getByTestId('live-indicator')).toHaveText('● 实时更新');

	// ---- Entrants sit the theory round in the exam room ----
	await sitTheory(browser, ENTRANTS[0].phone, contestId);
	await sitTheory(browser, ENTRANTS[1].phone, contestId);
	// Their theory results reach the public board live (a score instead of "—").
	for (const e of ENTRANTS.slice(0, 2))
		await expect(row(board, e.name).getByTestId('score-0')).not.toHaveText('—');

	// ---- Three judges score 案卷评查 on phones ----
	const judges = await Promise.all(JUDGES.map((p) => signedIn(browser, p, true)));
	for (const j of judges) await scoreSheet(j, contestId, '徐立新', 0.2);
	// 徐立新: 0.4 × (a few %) + 0.6 × 20 % — well ahead of everyone else.
	await expect(row(board, '徐立新')).toHaveAttribute('data-rank', '1');
	for (const j of judges) await scoreSheet(j, contestId, '孙文博', 1);
	// 孙文博 (full marks) overtakes: the public board re-ranks without a reload.
	await expect(row(board, '孙文博')).toHaveAttribute('data-rank', '1');
	await expect(row(board, '徐立新')).toHaveAttribute('data-rank', '2');
	expect(await notReloaded()).toBe(true);

	// ---- Freeze: later results reach the jury board only ----
	await page.getByRole('button', { name: '立即封榜' }).click();
	await expect(page.getByRole('status')).toContainText('已封榜');
	await expect(board.getByTestId('frozen-banner')).toBeVisible();
	const zhuBefore = await row(board, '马振华').getAttribute('data-rank');
	await scoreSheet(judges[0], contestId, '马振华', 1);
	// Jury: 马振华 now has 0.6 × 100 = 60 points and ranks second.
	await expect(row(page, '马振华').getByTestId('total')).toHaveText('60.00');
	await expect(row(page, '马振华')).toHaveAttribute('data-rank', '2');
	await expect(page.getByTestId('hidden-count')).toHaveText('1');
	// Public: unchanged.
	await board.waitForTimeout(1500);
	await expect(row(board, '马振华').getByTestId('total')).toHaveText('0.00');
	await expect(row(board, '马振华')).toHaveAttribute('data-rank', zhuBefore!);
	await expect(row(board, '孙文博')).toHaveAttribute('data-rank', '1');
	// 查名次 answers as the public board does: frozen.
	await board.getByPlaceholder('输入姓名').fill('马振华');
	await board.getByRole('button', { name: '查找' }).click();
	const hit = board.getByTestId('find-hit');
	await expect(hit).toHaveCount(1);
	await expect(hit).toContainText(`第 ${zhuBefore} 名`);
	await expect(hit).toContainText('0.00 分');

	// ---- The ceremony: the organiser reveals the final standings ----
	await page.getByRole('button', { name: '揭晓最终排名' }).click();
	await expect(board.getByTestId('frozen-banner')).toBeHidden();
	await expect(board.getByTestId('board-status')).toHaveText('已揭晓');
	await expect(row(board, '马振华').getByTestId('total')).toHaveText('60.00');
	await expect(row(board, '马振华')).toHaveAttribute('data-rank', '2');
	await expect(row(board, '孙文博')).toHaveAttribute('data-rank', '1');
	await expect(row(board, '徐立新')).toHaveAttribute('data-rank', '3');
	expect(await notReloaded()).toBe(true);

	// The big screen shows the same final board.
	await board.goto(`/board/${contestId}/screen`);
	await expect(row(board, '孙文博')).toHaveAttribute('data-rank', '1');

	for (const j of judges) await j.context().close();
	await watcherContext.close();
});
