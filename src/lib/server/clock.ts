/**
 * The server's clock. Every deadline and date rule reads it, never the client's. Tests may
 * inject a fixed instant by passing `now` explicitly to domain functions.
 */
export function now(): Date {
	return new Date();
}
