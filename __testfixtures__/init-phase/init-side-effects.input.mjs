import express from 'express';
import { runMigrations } from './migrations.mjs';
import { query } from './db.mjs';

await runMigrations();

const app = express();
app.listen(Number(process.env.PORT ?? 3000));

export const handler = async (event) => query('select * from orders where id = $1', [event.id]);
