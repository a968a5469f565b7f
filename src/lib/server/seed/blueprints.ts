import type { BlueprintSection } from '../db/schema';

/**
 * The standard theory-exam rules per trade (100 points, pass 80, 120 minutes unless noted).
 * 特种作业 papers follow the national pattern of 70 判断 + 30 单选.
 */
export interface StandardBlueprint {
	tradeCode: string;
	name: string;
	sections: BlueprintSection[];
	durationMinutes: number;
}

const SPECIAL: BlueprintSection[] = [
	{ type: 'judge', count: 70, points: 1 },
	{ type: 'single', count: 30, points: 1 }
];
const MANAGER: BlueprintSection[] = [
	{ type: 'judge', count: 40, points: 1 },
	{ type: 'single', count: 40, points: 1 },
	{ type: 'multiple', count: 10, points: 2 }
];

export const STANDARD_BLUEPRINTS: StandardBlueprint[] = [
	{ tradeCode: 'principal', name: '主要负责人安全生产知识考核', sections: MANAGER, durationMinutes: 120 },
	{
		tradeCode: 'safety-manager',
		name: '安全生产管理人员安全生产知识考核',
		sections: MANAGER,
		durationMinutes: 120
	},
	{
		tradeCode: 'electrician-low-voltage',
		name: '低压电工作业理论考试',
		sections: SPECIAL,
		durationMinutes: 120
	},
	{
		tradeCode: 'welding-cutting',
		name: '熔化焊接与热切割作业理论考试',
		sections: SPECIAL,
		durationMinutes: 120
	},
	{
		tradeCode: 'work-at-height',
		name: '高处安装、维护、拆除作业理论考试',
		sections: SPECIAL,
		durationMinutes: 120
	},
	{
		tradeCode: 'policy-2025',
		name: '2025年安全生产工作要点测试',
		sections: [
			{ type: 'judge', count: 20, points: 2 },
			{ type: 'single', count: 20, points: 2 },
			{ type: 'multiple', count: 10, points: 2 }
		],
		durationMinutes: 60
	},
	{
		tradeCode: 'enforcement',
		name: '安全生产行政执法理论考试',
		sections: [
			{ type: 'judge', count: 30, points: 1 },
			{ type: 'single', count: 40, points: 1 },
			{ type: 'multiple', count: 15, points: 2 }
		],
		durationMinutes: 90
	}
];
