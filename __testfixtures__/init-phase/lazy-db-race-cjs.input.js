const { connect } = require('./db');

let db;

exports.handler = async (event) => {
  if (!db) db = await connect(process.env.DB_URL);
  const rows = await db.query('select * from orders where id = $1', [event.id]);
  return { count: rows.length };
};
