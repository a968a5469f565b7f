import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/** principal/safety_manager = 三项岗位 管理类; special = 特种作业; general = 政策通识; enforcement = 执法. */
export const tradeCategories = ['principal', 'safety_manager', 'special', 'general', 'enforcement'] as const;
export type TradeCategory = (typeof tradeCategories)[number];

/** 工种. Rules (hours, validity) are per trade and configurable. */
export const trades = sqliteTable('trades', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	category: text('category', { enum: tradeCategories }).notNull(),
	/** 特种作业 parent category, e.g. 电工作业. */
	family: text('family'),
	initialHours: integer('initial_hours').notNull(),
	yearlyHours: integer('yearly_hours').notNull(),
	/** Certificate validity in months (72 for 特种作业, 36 for 主要负责人/安全管理人员). */
	validityMonths: integer('validity_months').notNull(),
	/** 复审 interval in months (36 for 特种作业); null = no review. */
	reviewMonths: integer('review_months'),
	/** 特种作业 needs a practical exam besides theory. */
	requiresPractical: integer('requires_practical', { mode: 'boolean' }).notNull().default(false),
	/** 实际操作考试 items (e.g. 安全用具使用, 安全操作技术 …) with their maximum points (total 100). */
	practicalItems: text('practical_items', { mode: 'json' })
		.$type<{ item: string; max: number }[]>()
		.notNull()
		.default([])
});
