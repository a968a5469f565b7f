// `npm run admin:create -- --phone 13812345678 --name 张三`
// Creates the first administrator of a real deployment (one started with DEMO_SEED=0).
// Prints a one-time initial password; the first login must change it.
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_PATH, migrateDatabase, openDatabase } from '../src/lib/server/db';
import { userRoles, users } from '../src/lib/server/db/schema';
import { generateSecureRandomString, hashPassword } from '../src/lib/server/auth';
import { audit } from '../src/lib/server/audit';
import { isValidPhone } from '../src/lib/idcard';

const { values } = parseArgs({ options: { phone: { type: 'string' }, name: { type: 'string' } } });
if (!values.phone || !isValidPhone(values.phone) || !values.name) {
	console.error('用法：npm run admin:create -- --phone <11 位手机号> --name <姓名>');
	process.exit(2);
}
const db = openDatabase(process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);
migrateDatabase(db);
const password = `Ax${generateSecureRandomString().slice(0, 10)}`;
const passwordHash = await hashPassword(password);
try {
	const u = db
		.insert(users)
		.values({
			name: values.name,
			phone: values.phone,
			passwordHash,
			mustChangePassword: true,
			createdAt: new Date()
		})
		.returning()
		.get();
	db.insert(userRoles).values({ userId: u.id, role: 'admin' }).run();
	audit(db, {
		action: 'user.create',
		target: `user:${u.id}`,
		detail: { role: 'admin', via: 'admin:create' }
	});
	console.log(`已创建管理员 ${values.name}（${values.phone}）。初始密码：${password}（首次登录须修改）`);
} catch (e) {
	console.error(
		`创建失败：${e instanceof Error && e.message.includes('UNIQUE') ? '该手机号已有账号' : String(e)}`
	);
	process.exit(1);
}
