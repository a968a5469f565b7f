/** The platform's dates are China time (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3600_000;

/** Parses a `<input type="datetime-local">` value as China time. */
export function chinaDateTime(value: string): Date {
	const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/);
	if (!m) return new Date(NaN);
	return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - OFFSET_MS);
}

/** Formats an instant for a `datetime-local` input in China time. */
export function toChinaInput(d: Date): string {
	return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}
