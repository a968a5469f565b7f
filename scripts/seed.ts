// Seeds the demo data into DATABASE_PATH when it holds no users (never overwrites real data).
import { DEFAULT_DATABASE_PATH, migrateDatabase, openDatabase } from '../src/lib/server/db';
import { seedDemoIfEmpty } from '../src/lib/server/seed/demo';

const path = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
const db = openDatabase(path);
migrateDatabase(db);
const seeded = await seedDemoIfEmpty(db);
console.log(seeded ? `已写入演示数据：${path}` : `数据库已有用户，未写入演示数据：${path}`);
