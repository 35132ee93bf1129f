import mysql from 'mysql2/promise';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = mysql.createPool({
  host: process.env.DB_HOST,
  database: 'shop',
  connectionLimit: Number(process.env.DB_POOL_MAX ?? 2),
  waitForConnections: true
});

export const handler = async (event) => {
  const conn = await pool.getConnection();

  try {
    await conn.beginTransaction();
    await conn.execute('UPDATE stock SET qty = qty - 1 WHERE sku = ?', [event.sku]);
    await conn.execute('INSERT INTO picks (sku) VALUES (?)', [event.sku]);
    await conn.commit();
    const [rows] = await conn.query('SELECT qty FROM stock WHERE sku = ?', [event.sku]);
    return rows[0];
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
};
