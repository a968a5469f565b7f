// `npm run bank:format [files…]`: rewrites bank files in the canonical form the exporter writes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBankFile, serializeBankFile } from '../src/lib/server/banks/format';

const files = process.argv.slice(2).length
	? process.argv.slice(2)
	: readdirSync('question-bank')
			.filter((f) => f.endsWith('.yaml'))
			.map((f) => join('question-bank', f));
let failed = false;
for (const file of files) {
	const { bank, issues } = parseBankFile(readFileSync(file, 'utf8'));
	if (!bank) {
		failed = true;
		for (const i of issues.filter((x) => x.severity === 'error'))
			console.log(`${file}:${i.line}: ${i.message}`);
		continue;
	}
	writeFileSync(file, serializeBankFile(bank));
	console.log(`${file}: 已整理（${bank.questions.length} 题）`);
}
process.exit(failed ? 1 : 0);
