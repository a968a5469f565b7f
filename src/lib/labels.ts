/** Browser-safe Chinese labels for enum values stored in English. */
export const INDUSTRY_LABELS: Record<string, string> = {
	mining: '矿山',
	hazardous_chemicals: '危险化学品',
	construction: '建筑施工',
	fire_key_unit: '消防重点单位',
	road_transport: '道路运输',
	industry_trade: '工贸',
	gas: '城镇燃气',
	fireworks: '烟花爆竹',
	metallurgy: '金属冶炼',
	other: '其他'
};

export const REGION_LEVEL_LABELS: Record<string, string> = {
	province: '省',
	city: '市',
	county: '县（区）',
	township: '乡镇（街道）'
};

export const TRADE_CATEGORY_LABELS: Record<string, string> = {
	principal: '主要负责人',
	safety_manager: '安全生产管理人员',
	special: '特种作业',
	general: '政策通识',
	enforcement: '执法人员'
};
