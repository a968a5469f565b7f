import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { parsePolicyDocument, draftCourse, proposeQuestions } from '../../src/lib/server/courses/policy-import';
it('dump', () => {
	const dir = '/work/shared/seeds';
	for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
		const d = parsePolicyDocument(readFileSync(path.join(dir, f), 'utf8'));
		const outline = (ns: any[], ind = ''): string => ns.map((n) => `${ind}${n.id} [${n.numeral}] ${n.title} | body=${n.body.length} resp=${JSON.stringify(n.responsible.map((r:any)=>r.unit+'/'+r.role))}\n${outline(n.children, ind + '  ')}`).join('');
		console.log(`===== ${f}\ntitle=${d.title}\ndoc=${d.docNumber}\npreamble=${JSON.stringify(d.preamble)}\nclosing=${JSON.stringify(d.closing)}\nwarnings=${JSON.stringify(d.warnings, null, 1)}\n${outline(d.nodes)}\nhighlights=${d.highlights.map((h) => `${h.kind}:${h.text}@${h.path}`).join('  ')}`);
		const qs = proposeQuestions(d, 'SRC');
		console.log(qs.map((q) => `${q.ref} ${q.type} ${q.stem}\n   ${q.options.join(' / ')} => ${q.answer}\n   ${q.explanation} | ${q.source} | ${q.tags}`).join('\n'));
		if (f.startsWith('004')) console.log(JSON.stringify(draftCourse(d), null, 1).slice(0, 4000));
	}
});
