import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../db';
import { parseBankFile } from '../banks/format';
import { loadBankFile } from '../banks/store';
import type { BankFile } from '../banks/types';

export function bankDir(): string {
	return resolve(process.env.QUESTION_BANK_DIR ?? 'question-bank');
}

/** Reads every shipped bank file; a broken file is an error (the shipped banks must be valid). */
export function readShippedBanks(dir = bankDir()): { file: string; bank: BankFile }[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.yaml'))
		.sort()
		.map((file) => {
			const { bank, issues } = parseBankFile(readFileSync(join(dir, file), 'utf8'));
			if (!bank) {
				const first = issues.slice(0, 5).map((i) => `第 ${i.line} 行：${i.message}`);
				throw new Error(`题库文件 ${file} 有错误：\n${first.join('\n')}`);
			}
			return { file, bank };
		});
}

export function seedBanks(db: Db, dir = bankDir()) {
	for (const { bank } of readShippedBanks(dir)) loadBankFile(db, bank);
}
