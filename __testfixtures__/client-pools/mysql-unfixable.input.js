const mysql = require('mysql');
const mysql2 = require('mysql2/promise');

const connection = mysql.createConnection(process.env.DATABASE_URL);

exports.transferHandler = (event) =>
  new Promise((resolve, reject) => {
    connection.beginTransaction((err) => {
      if (err) return reject(err);
      connection.query('UPDATE stock SET qty = qty - 1 WHERE sku = ?', [event.sku], (e) => (e ? reject(e) : resolve()));
    });
  });

exports.adminHandler = async (event) => {
  const conn = await mysql2.createConnection({ host: process.env.DB_HOST });
  await conn.changeUser({ user: 'admin', password: process.env.ADMIN_PASSWORD });
  const [rows] = await conn.query('SELECT * FROM audit WHERE day = ?', [event.day]);
  await conn.end();
  return rows;
};
