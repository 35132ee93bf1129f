const knex = require('knex');
const { Sequelize } = require('sequelize');
const mongoose = require('mongoose');
const { PrismaClient } = require('@prisma/client');

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const sized = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 2 } });
const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });
const prisma = new PrismaClient();
mongoose.connect(process.env.MONGODB_URI);

exports.handler = async (event) => {
  const rows = await db('orders').where({ id: event.id });
  const more = await sized('items').where({ order_id: event.id });
  const [count] = await sequelize.query('SELECT 1');
  const user = await prisma.user.findUnique({ where: { id: event.userId } });
  return { rows, more, count, user };
};
