import express from 'express';
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
await db.migrate.latest();

const app = express();
app.listen(Number(process.env.PORT ?? 3000));

export const handler = async (event) => db('orders').where({ id: event.id });
