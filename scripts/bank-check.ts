// `npm run bank:check [files…]`: lints the shipped banks (or the files given) and fails on any error.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseBankFile, serializeBankFile } from '../src/lib/server/banks/format';
import { lintBank, type RequiredCount } from '../src/lib/server/banks/import/lint';
import { STANDARD_BLUEPRINTS } from '../src/lib/server/seed/blueprints';

const files = process.argv.slice(2).length
	? process.argv.slice(2)
	: readdirSync('question-bank')
			.filter((f) => f.endsWith('.yaml'))
			.sort()
			.map((f) => join('question-bank', f));

let errors = 0;
let total = 0;
for (const file of files) {
	const text = readFileSync(file, 'utf8');
	const { bank, issues } = parseBankFile(text);
	if (!bank) {
		for (const i of issues) console.log(`${file}:${i.line}: 错误：${i.message}`);
		errors += issues.length;
		continue;
	}
	if (basename(file, '.yaml') !== bank.trade) {
		console.log(`${file}: 错误：文件名应与工种代码一致（${bank.trade}.yaml）`);
		errors++;
	}
	const requiredCounts: RequiredCount[] = STANDARD_BLUEPRINTS.filter(
		(b) => b.tradeCode === bank.trade
	).flatMap((b) => b.sections.map((s) => ({ type: s.type, count: s.count, label: b.name })));
	const found = lintBank(bank, { requiredCounts, today: new Date() });
	const outdated = found.filter((i) => i.field === 'source' && i.severity === 'warning').length;
	if (outdated) console.log(`${file}: 提示：${outdated} 题的依据已被新文件替代，待复核（见下）`);
	for (const i of found) {
		const where = i.line > 0 ? `第 ${i.line} 题` : '整个题库';
		console.log(`${file}: ${i.severity === 'error' ? '错误' : '提示'}（${where}）：${i.message}`);
		if (i.severity === 'error') errors++;
	}
	if (serializeBankFile(bank) !== text) {
		console.log(`${file}: 错误：文件不是规范格式，导入后导出会有差异；请运行 npm run bank:format`);
		errors++;
	}
	total += bank.questions.length;
	console.log(`${file}: ${bank.questions.length} 题`);
}
console.log(`共 ${files.length} 个题库，${total} 题，${errors} 个错误`);
process.exit(errors > 0 ? 1 : 0);
