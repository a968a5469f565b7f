import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Integration tests each open their own temp SQLite file; argon2 hashing is CPU-bound.
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
