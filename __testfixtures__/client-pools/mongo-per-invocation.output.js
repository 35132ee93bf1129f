const { MongoClient } = require('mongodb');

// One MongoClient per worker thread (it is a pool): connect once, share the attempt, retry after a failure.
const client = new MongoClient(process.env.MONGODB_URI);
let clientConnection;
const connectClient = () =>
  (clientConnection ??= client.connect().catch((err) => {
    clientConnection = undefined;
    throw err;
  }));

exports.handler = async (event) => {
  await connectClient();
  const order = await client.db('shop').collection('orders').findOne({ _id: event.orderId });
  return order;
};
