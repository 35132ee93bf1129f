import mysql from 'mysql2/promise';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = mysql.createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: Number(process.env.DB_POOL_MAX ?? 2),
  waitForConnections: true
});

export const handler = async (event) => {
  const [rows] = await pool.execute('SELECT id, name FROM users WHERE id = ?', [event.userId]);
  return rows[0];
};
