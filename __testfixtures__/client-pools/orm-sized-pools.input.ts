import { DataSource } from 'typeorm';
import mongoose from 'mongoose';
import { Sequelize } from 'sequelize';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 2 });
const sqlite = new DataSource({ type: 'sqlite', database: ':memory:' });
const sequelize = new Sequelize('app', 'user', process.env.DB_PASSWORD, { dialect: 'mysql', pool: { max: 2 } });
const ready = mongoose.connect(process.env.MONGODB_URI!, { maxPoolSize: 2 });

export const handler = async () => {
  await ready;
  const [a] = await dataSource.query('SELECT 1');
  const [b] = await sqlite.query('SELECT 1');
  await sequelize.authenticate();
  return { a, b };
};
