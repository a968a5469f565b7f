import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem, isValidIdCard, maskIdCard } from '../../src/lib/idcard';

describe('身份证号 validation', () => {
	// 11010519491231002X is the standard's published example.
	it('accepts the GB 11643 example with an X check character', () => {
		expect(idCardProblem('11010519491231002X')).toBeNull();
		expect(isValidIdCard('11010519491231002x')).toBe(true);
	});
	it('computes the MOD 11-2 check character', () => {
		expect(idCardCheckChar('11010519491231002')).toBe('X');
		expect(idCardCheckChar('14082719900101001')).toBe(
			'10X98765432'[
				[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce(
					(s, w, i) => s + w * Number('14082719900101001'[i]),
					0
				) % 11
			]
		);
	});
	it('rejects a wrong check digit and names the expected one', () => {
		expect(idCardProblem('110105194912310021')).toBe('身份证号校验码错误（最后一位应为 X）');
	});
	it('rejects impossible and future birth dates', () => {
		expect(idCardProblem('110105194902301234')).toContain('19490230 不是有效日期');
		const future = '1101052099010100' + '1';
		expect(idCardProblem(future + idCardCheckChar(future), new Date('2026-01-01'))).toContain('晚于今天');
	});
	it('rejects wrong length, letters and unknown province codes', () => {
		expect(idCardProblem('1101051949123100')).toBe('身份证号应为 18 位，实际 16 位');
		expect(idCardProblem('11010519491231A02X')).toContain('前 17 位须为数字');
		const bad = '99010519491231002';
		expect(idCardProblem(bad + idCardCheckChar(bad))).toContain('99 不是有效的省级代码');
	});
	it('masks all but the first and last four characters', () => {
		expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
		expect(maskIdCard(null)).toBe('');
	});
});
