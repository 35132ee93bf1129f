import mysql from 'mysql2/promise';

export const handler = async (event) => {
  const conn = await mysql.createConnection(process.env.DATABASE_URL);
  const [rows] = await conn.execute('SELECT id, name FROM users WHERE id = ?', [event.userId]);
  await conn.end();
  return rows[0];
};
