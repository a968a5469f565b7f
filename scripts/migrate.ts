// Applies the committed migrations to DATABASE_PATH (default data/anxun.db).
import { DEFAULT_DATABASE_PATH, migrateDatabase, openDatabase } from '../src/lib/server/db';

const path = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
migrateDatabase(openDatabase(path));
console.log(`已迁移数据库：${path}`);
