const mysql = require('mysql');

const connection = mysql.createConnection({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
});
connection.connect();

exports.handler = (event) =>
  new Promise((resolve, reject) => {
    connection.query('SELECT * FROM products WHERE sku = ?', [event.sku], (err, rows) => {
      if (err) return reject(err);
      resolve(rows[0]);
    });
  });
