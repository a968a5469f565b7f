/**
 * Documents questions and lessons cite that have since been replaced. Content resting on one may
 * now teach an outdated rule, so it is marked 依据已更新·待复核: `npm run bank:check` and the
 * import preview warn, the trainer's question list and course outline show it (and the list
 * filters it), until someone checks it against the new text and cites that instead. Add an
 * entry when a law, rule or standard is replaced.
 */
export interface SupersededDocument {
	/** How sources cite the old document. */
	cited: RegExp;
	old: string;
	replacement: string;
	/** Date the replacement took effect (YYYY-MM-DD); citations count as outdated from then. */
	effective: string;
	/** What the entry rests on, and what is still to be checked. */
	basis: string;
}

export const SUPERSEDED: readonly SupersededDocument[] = [
	{
		cited: /JGJ\s*46-2005/,
		old: 'JGJ 46-2005《施工现场临时用电安全技术规范》',
		replacement: 'JGJ/T 46-2024《建筑与市政工程施工现场临时用电安全技术标准》',
		effective: '2025-01-01',
		basis: '住房城乡建设部公告2024年第152号（原标准同时废止）'
	},
	{
		cited: /(安监总局|安全监管总局)令第\s*30\s*号/,
		old: '《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）',
		replacement: '《特种作业人员安全技术培训考核管理规定》（应急管理部令第19号）',
		effective: '2026-06-01',
		basis: '应急管理部2025年12月公布，2026年6月1日施行；新规全文待取得后逐题核对（有效期、复审、学时等）'
	},
	{
		cited: /GB\/T\s*3608-2008/,
		old: 'GB/T 3608-2008《高处作业分级》',
		replacement: 'GB 3608-2025',
		effective: '2026-05-01',
		basis: '新版国家标准2026年5月1日实施；分级与术语待逐题核对'
	},
	{
		cited: /GB\s*9448-1999/,
		old: 'GB 9448-1999《焊接与切割安全》',
		replacement: 'GB 9448-2025',
		effective: '2026-08-01',
		basis: '新版国家标准2026年8月1日实施；条款编号与要求待逐题核对'
	},
	{
		cited: /GB\s*2894-2008/,
		old: 'GB 2894-2008《安全标志及其使用导则》',
		replacement: 'GB 2894-2025',
		effective: '2026-03-01',
		basis: '新版国家标准2026年3月1日实施；标志分类与含义待逐题核对'
	}
];

/** The replaced documents a source cites, counting only replacements in effect on `on`. */
export function supersededCitations(
	source: string,
	on: Date,
	register: readonly SupersededDocument[] = SUPERSEDED
): SupersededDocument[] {
	// Effective dates are dates in China.
	const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(on);
	return register.filter((d) => d.effective <= day && d.cited.test(source));
}

/** One line for a trainer: what was replaced by what, and since when. */
export function supersededNote(d: SupersededDocument, what: '本题' | '本课' = '本题'): string {
	return `${d.old}已由${d.replacement}替代（${d.effective}起施行），请按新文本复核${what}并改引新依据`;
}
