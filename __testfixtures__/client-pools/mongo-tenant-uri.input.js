const { MongoClient } = require('mongodb');

exports.handler = async (event) => {
  const client = new MongoClient(event.tenant.connectionString);
  await client.connect();
  const doc = await client.db().collection('settings').findOne({});
  await client.close();
  return doc;
};
