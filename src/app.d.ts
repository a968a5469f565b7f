import type { Actor } from '$lib/server/access';

declare global {
	namespace App {
		interface Locals {
			user: (Actor & { mustChangePassword: boolean }) | null;
			sessionId: string | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
