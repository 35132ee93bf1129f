const { connect } = require('./db');

let db;

exports.handler = async (event) => {
  if (!db) db = await connect();
  try {
    return await db.query('select 1', [event.id]);
  } catch (err) {
    db = undefined;
    throw err;
  }
};
