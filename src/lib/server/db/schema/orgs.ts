import { sqliteTable, text, integer, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** 省/市/县/乡镇 — regulators are scoped to a subtree of this tree. */
export const regionLevels = ['province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const regions = sqliteTable(
	'regions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		parentId: integer('parent_id').references((): AnySQLiteColumn => regions.id),
		name: text('name').notNull(),
		level: text('level', { enum: regionLevels }).notNull(),
		/** Materialised path of ids ("/1/4/9/") so a subtree is one indexed LIKE query. */
		path: text('path').notNull()
	},
	(t) => [index('regions_path_idx').on(t.path), index('regions_parent_idx').on(t.parentId)]
);

export const industries = [
	'mining',
	'hazardous_chemicals',
	'construction',
	'fire_key_unit',
	'road_transport',
	'industry_trade',
	'gas',
	'fireworks',
	'metallurgy',
	'other'
] as const;
export type Industry = (typeof industries)[number];

export const enterprises = sqliteTable(
	'enterprises',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		regionId: integer('region_id')
			.notNull()
			.references(() => regions.id),
		name: text('name').notNull().unique(),
		/** 统一社会信用代码 */
		creditCode: text('credit_code'),
		industry: text('industry', { enum: industries }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('enterprises_region_idx').on(t.regionId)]
);
