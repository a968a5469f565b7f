/** The three question types used in China's work-safety theory exams. */
export type QuestionType = 'single' | 'multiple' | 'judge';

export type QuestionStatus = 'draft' | 'published' | 'retired';

/** Option letters in display order; a question has 2–6 options (判断 has none). */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** The Chinese labels trainers write and read. */
export const TYPE_LABEL: Record<QuestionType, string> = {
	single: '单选',
	multiple: '多选',
	judge: '判断'
};

export const STATUS_LABEL: Record<QuestionStatus, string> = {
	draft: '草稿',
	published: '已发布',
	retired: '已停用'
};

/**
 * One question's content as authored — what a bank file holds per question and what a
 * question version stores. `answer` is canonical: sorted option letters ("A", "ABD"),
 * or "对"/"错" for 判断.
 */
export interface QuestionContent {
	/** Stable id within the bank file (e.g. "DG-0001"); re-imports match on it. */
	ref: string;
	type: QuestionType;
	stem: string;
	options: string[];
	answer: string;
	explanation: string;
	difficulty: number;
	tags: string[];
	source: string;
	status: QuestionStatus;
}

/** A bank file: one trade's questions. */
export interface BankFile {
	trade: string;
	title: string;
	questions: QuestionContent[];
}

/** A problem found while reading an import; `line` is 1-based (a row number for spreadsheets). */
export interface ImportIssue {
	line: number;
	field?: string;
	message: string;
	severity: 'error' | 'warning';
}
