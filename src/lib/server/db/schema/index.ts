export * from './orgs';
export * from './auth';
export * from './trades';
export * from './roster';
export * from './banks';
export * from './exams';
