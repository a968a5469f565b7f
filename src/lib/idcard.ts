/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence, ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const PROVINCE_CODES = new Set([
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
	62, 63, 64, 65, 71, 81, 82
]);

export function normalizeIdCard(raw: string): string {
	return raw.trim().toUpperCase();
}

export function idCardCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

/** Returns a Chinese reason why the number is invalid, or null when it is valid. */
export function idCardProblem(raw: string, today = new Date()): string | null {
	const id = normalizeIdCard(raw);
	if (id.length !== 18) return `身份证号应为 18 位，实际 ${id.length} 位`;
	if (!/^\d{17}[\dX]$/.test(id)) return '身份证号前 17 位须为数字，最后一位为数字或 X';
	if (!PROVINCE_CODES.has(Number(id.slice(0, 2))))
		return `身份证号地址码 ${id.slice(0, 2)} 不是有效的省级代码`;
	const y = Number(id.slice(6, 10));
	const m = Number(id.slice(10, 12));
	const d = Number(id.slice(12, 14));
	const birth = new Date(Date.UTC(y, m - 1, d));
	if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
		return `身份证号中的出生日期 ${id.slice(6, 14)} 不是有效日期`;
	if (birth.getTime() > today.getTime()) return `身份证号中的出生日期 ${id.slice(6, 14)} 晚于今天`;
	const expected = idCardCheckChar(id.slice(0, 17));
	if (id[17] !== expected) return `身份证号校验码错误（最后一位应为 ${expected}）`;
	return null;
}

export function isValidIdCard(raw: string): boolean {
	return idCardProblem(raw) === null;
}

/** Shown everywhere except where the full number must be seen: 1101**********123X. */
export function maskIdCard(id: string | null | undefined): string {
	if (!id) return '';
	if (id.length < 8) return '*'.repeat(id.length);
	return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string {
	if (!phone) return '';
	return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

export function isValidPhone(phone: string): boolean {
	return /^1[3-9]\d{9}$/.test(phone.trim());
}
