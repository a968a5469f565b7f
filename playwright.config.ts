import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * End-to-end tests run the built app (the same `npm start` a user runs) on a fresh SQLite
 * file with the demo data, in Debian's Chromium (Playwright cannot download browsers here).
 */
const launchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'phone',
			testMatch: /.*\.phone\.spec\.ts/,
			use: { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, launchOptions }
		},
		{
			name: 'desktop',
			testMatch: /.*\.desktop\.spec\.ts/,
			use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions }
		}
	],
	webServer: {
		command: 'rm -rf tests/.tmp && npm start',
		url: `http://localhost:${PORT}/login`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_PATH: 'tests/.tmp/e2e.db',
			DEMO_SEED: '1',
			ANXUN_TEST_HOOKS: '1'
		}
	}
});
