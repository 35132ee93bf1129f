const { MongoClient } = require('mongodb');

exports.handler = async (event) => {
  const client = new MongoClient(process.env.MONGODB_URI);
  await client.connect();
  try {
    const order = await client.db('shop').collection('orders').findOne({ _id: event.orderId });
    return order;
  } finally {
    await client.close();
  }
};
