import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// SvelteKit's built-in CSRF check rejects cross-origin form posts; we keep it on.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
