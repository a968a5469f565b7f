/** Browser-safe role labels and the navigation each role gets. */
export type RoleName = 'worker' | 'trainer' | 'enterprise_admin' | 'regulator' | 'judge' | 'admin';

export const ROLE_NAMES: Record<RoleName, string> = {
	worker: '学员',
	trainer: '培训教师',
	enterprise_admin: '企业安全管理员',
	regulator: '监管人员',
	judge: '裁判',
	admin: '系统管理员'
};

export const NAV: Record<RoleName, { href: string; label: string }[]> = {
	worker: [
		{ href: '/', label: '首页' },
		{ href: '/me/posts', label: '我的岗位' },
		{ href: '/learn', label: '学习' },
		{ href: '/exams', label: '考试与练习' },
		{ href: '/me/certificates', label: '我的证书' },
		{ href: '/contests', label: '比赛' }
	],
	trainer: [
		{ href: '/trainer/banks', label: '题库' },
		{ href: '/trainer/blueprints', label: '组卷规则' },
		{ href: '/trainer/sessions', label: '考试场次' },
		{ href: '/courses', label: '课程' },
		{ href: '/examiner/practical', label: '实操考试' },
		{ href: '/contests', label: '比赛' }
	],
	enterprise_admin: [
		{ href: '/enterprise/roster', label: '花名册' },
		{ href: '/enterprise/posts', label: '岗位与持证' },
		{ href: '/courses', label: '课程指派' }
	],
	regulator: [
		{ href: '/regulator', label: '监管概览' },
		{ href: '/contests', label: '比赛' },
		{ href: '/audit', label: '审计日志' }
	],
	judge: [
		{ href: '/contests', label: '比赛评分' },
		{ href: '/examiner/practical', label: '实操考试' }
	],
	admin: [
		{ href: '/admin/users', label: '用户' },
		{ href: '/admin/orgs', label: '区域与企业' },
		{ href: '/admin/trades', label: '工种设置' },
		{ href: '/contests', label: '比赛' },
		{ href: '/audit', label: '审计日志' }
	]
};
