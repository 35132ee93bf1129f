const mysql = require('mysql');

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
  connectionLimit: Number(process.env.DB_POOL_MAX ?? 2),
  waitForConnections: true,
});

exports.handler = (event) =>
  new Promise((resolve, reject) => {
    pool.query('SELECT * FROM products WHERE sku = ?', [event.sku], (err, rows) => {
      if (err) return reject(err);
      resolve(rows[0]);
    });
  });
