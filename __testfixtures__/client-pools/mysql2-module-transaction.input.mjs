import mysql from 'mysql2/promise';

const conn = await mysql.createConnection({ host: process.env.DB_HOST, database: 'shop' });

export const handler = async (event) => {
  await conn.beginTransaction();
  await conn.execute('UPDATE stock SET qty = qty - 1 WHERE sku = ?', [event.sku]);
  await conn.execute('INSERT INTO picks (sku) VALUES (?)', [event.sku]);
  await conn.commit();
  const [rows] = await conn.query('SELECT qty FROM stock WHERE sku = ?', [event.sku]);
  return rows[0];
};
