import { DataSource } from 'typeorm';

const options = { type: 'mysql', host: process.env.DB_HOST, database: 'app' };
const dataSource = new DataSource(options);
await dataSource.initialize();

export const handler = async (event) => dataSource.query('SELECT * FROM users WHERE id = ?', [event.id]);
