const { connect } = require('./db');

// already memoized: the promise is cached and reset on failure
let dbPromise;
const getDb = () =>
  (dbPromise ??= connect(process.env.DB_URL).catch((err) => {
    dbPromise = undefined;
    throw err;
  }));

exports.handler = async (event) => {
  const db = await getDb();
  return db.query('select 1', [event.id]);
};
