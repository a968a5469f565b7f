// `npm start`: serve the built app on the embedded SQLite file, seeding demo data when empty.
// The server's init hook applies migrations (and the demo seed when DEMO_SEED=1) before listening.
process.env.DATABASE_PATH ??= 'data/anxun.db';
process.env.DEMO_SEED ??= '1';
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Login throttling keys on the client address; behind a reverse proxy set ADDRESS_HEADER.
console.log(
	`安训：数据库 ${process.env.DATABASE_PATH}，演示数据 ${process.env.DEMO_SEED === '1' ? '开启' : '关闭'}`
);
console.log(`安训已启动：${process.env.ORIGIN}`);
await import('../build/index.js');
