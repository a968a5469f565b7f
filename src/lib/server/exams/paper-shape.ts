/**
 * What an answer save needs to know of a frozen paper (each position's question type and option
 * order), packed into two strings. The save path keeps one per open attempt in memory (see
 * attempts.ts): a county's exam is thousands of papers, and as a Map of objects each cost about
 * 17 KB; packed, about 0.7 KB.
 */
export type QuestionType = 'single' | 'multiple' | 'judge';

export interface ShapeItem {
	/** 1-based 题号. */
	position: number;
	type: QuestionType;
	/** Display position i shows original option order[i]; [] for 判断. */
	order: number[];
}

const CODE: Record<QuestionType, string> = { single: 's', multiple: 'm', judge: 'j' };
const TYPE: Record<string, QuestionType> = { s: 'single', m: 'multiple', j: 'judge' };
/** A question has at most six options (banks/validate.ts), so an order fits six digits. */
const WIDTH = 6;

export class PaperShape {
	private constructor(
		private readonly types: string,
		private readonly orders: string
	) {}

	static pack(items: ShapeItem[]): PaperShape {
		const n = items.reduce((m, i) => Math.max(m, i.position), 0);
		const types: string[] = new Array(n).fill(' ');
		const orders: string[] = new Array(n).fill('-'.repeat(WIDTH));
		for (const i of items) {
			if (i.order.length > WIDTH || i.order.some((o) => !Number.isInteger(o) || o < 0 || o >= WIDTH))
				throw new Error(`option order out of range at position ${i.position}: ${i.order.join(',')}`);
			types[i.position - 1] = CODE[i.type];
			orders[i.position - 1] = i.order.join('').padEnd(WIDTH, '-');
		}
		return new PaperShape(types.join(''), orders.join(''));
	}

	/** The question at a 1-based position, or undefined when the paper has none there. */
	at(position: number): ShapeItem | undefined {
		if (!Number.isInteger(position) || position < 1 || position > this.types.length) return undefined;
		const type = TYPE[this.types[position - 1]];
		if (!type) return undefined;
		const slot = this.orders.slice((position - 1) * WIDTH, position * WIDTH);
		const order: number[] = [];
		for (const c of slot) if (c !== '-') order.push(c.charCodeAt(0) - 48);
		return { position, type, order };
	}
}
